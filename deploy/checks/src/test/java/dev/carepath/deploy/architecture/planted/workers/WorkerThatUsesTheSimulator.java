package dev.carepath.deploy.architecture.planted.workers;

import dev.carepath.deploy.architecture.planted.simulator.Simulator;

/** Planted: production code calling the partner simulator (breaks onlyThePartnerSimulatorUsesItsCode). */
class WorkerThatUsesTheSimulator {

    void perform(Simulator simulator) {
        simulator.answer("order-1");
    }
}
