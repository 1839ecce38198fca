package dev.carepath.engine.architecture.planted.web;

import dev.carepath.engine.architecture.planted.journey.JourneyThatOrchestrates;
import dev.carepath.engine.architecture.planted.orchestration.OrchestratorOfJourneys;

/** Lawful: a package on the others, needed by none of them. */
class JourneyEndpoint {

    void start(JourneyThatOrchestrates journey, OrchestratorOfJourneys orchestrator) {
        journey.start(orchestrator);
    }
}
