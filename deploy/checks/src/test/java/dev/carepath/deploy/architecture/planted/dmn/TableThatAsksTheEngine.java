package dev.carepath.deploy.architecture.planted.dmn;

import dev.carepath.deploy.architecture.planted.engine.Journeys;

/** Planted: the decision tables' module calling into a deployable (breaks dmnKnowsNoDeployable). */
class TableThatAsksTheEngine {

    void evaluate(Journeys journeys) {
        journeys.start("order-1");
    }
}
