package dev.carepath.deploy.architecture.planted.connectors;

import dev.carepath.deploy.architecture.planted.workers.Worker;

/** Planted: a partner adapter calling back into the job-workers (breaks connectorsKnowNoEngineWorkerOrPortal). */
class AdapterThatCallsAWorker {

    void call(Worker worker) {
        worker.perform("order-1");
    }
}
