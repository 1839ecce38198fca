package dev.carepath.deploy.architecture.planted.engine;

import dev.carepath.deploy.architecture.planted.workers.Worker;

/** Planted: the engine calling the job-workers' code (breaks engineUsesNoOtherDeployable). */
class EngineThatRunsAWorker {

    void run(Worker worker) {
        worker.perform("order-1");
    }
}
