package dev.carepath.engine.architecture.planted.journey;

import dev.carepath.engine.architecture.planted.orchestration.OrchestratorOfJourneys;

/** Planted: journey needing orchestration, which needs journey back (breaks packagesAreFreeOfCycles). */
public class JourneyThatOrchestrates {

    public void start(OrchestratorOfJourneys orchestrator) {
        orchestrator.drive(this);
    }
}
