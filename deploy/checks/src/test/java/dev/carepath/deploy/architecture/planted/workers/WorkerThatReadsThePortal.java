package dev.carepath.deploy.architecture.planted.workers;

import dev.carepath.deploy.architecture.planted.portal.Console;

/** Planted: the job-workers calling the portal's code (breaks jobWorkersUseNoOtherDeployable). */
class WorkerThatReadsThePortal {

    void perform(Console console) {
        console.show("order-1");
    }
}
