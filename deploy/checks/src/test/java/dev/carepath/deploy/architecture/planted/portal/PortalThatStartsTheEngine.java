package dev.carepath.deploy.architecture.planted.portal;

import dev.carepath.deploy.architecture.planted.engine.Journeys;

/** Planted: the portal calling the engine's code instead of its API (breaks portalUsesNoOtherDeployable). */
class PortalThatStartsTheEngine {

    void start(Journeys journeys) {
        journeys.start("order-1");
    }
}
