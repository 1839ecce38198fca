package dev.carepath.portal.clinical;

import dev.carepath.eventing.testing.RunningApplication;

/**
 * The clinical store as the portal's clinical ITs run it: the job-workers application from its jar, a process of its
 * own, with no engine to take tasks from and no partners, so no journey moves on while the tests give intakes.
 */
final class ClinicalStoreProcess {

    private ClinicalStoreProcess() {
    }

    /** The launch, for a test to add its own settings to and start. */
    static RunningApplication.Launch launch() {
        return RunningApplication.jar("job-workers", System.getProperty("carepath.workers.jar"))
                .env("CAREPATH_ENGINE_URL", "http://127.0.0.1:9")
                .env("CAREPATH_PARTNERS_URL", "http://127.0.0.1:9")
                .arg("--camunda.bpm.client.disable-auto-fetching=true");
    }
}
