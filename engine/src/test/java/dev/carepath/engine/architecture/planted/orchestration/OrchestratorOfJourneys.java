package dev.carepath.engine.architecture.planted.orchestration;

import dev.carepath.engine.architecture.planted.journey.JourneyThatOrchestrates;

/** Planted: the other end of the journey-orchestration circle (breaks packagesAreFreeOfCycles). */
public class OrchestratorOfJourneys {

    public void drive(JourneyThatOrchestrates journey) {
    }
}
