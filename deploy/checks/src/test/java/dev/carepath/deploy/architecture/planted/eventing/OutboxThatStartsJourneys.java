package dev.carepath.deploy.architecture.planted.eventing;

import dev.carepath.deploy.architecture.planted.engine.Journeys;

/** Planted: eventing calling into a deployable (breaks eventingKnowsNoDeployable). */
class OutboxThatStartsJourneys {

    void relay(Journeys journeys) {
        journeys.start("order-1");
    }
}
