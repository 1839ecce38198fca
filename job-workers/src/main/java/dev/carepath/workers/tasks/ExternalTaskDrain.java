package dev.carepath.workers.tasks;

import org.camunda.bpm.client.ExternalTaskClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of the external-task client: the first thing the job-workers stop (the highest lifecycle phase),
 * before the web server, the consumers and long before the data source closes. {@link ExternalTaskClient#stop()}
 * ends the fetch loop and returns once the tasks already fetched are handled (completed, failed or BPMN-errored
 * through the engine), so a task in hand is finished with its database and partner calls, not cut off half way.
 * Spring waits {@code spring.lifecycle.timeout-per-shutdown-phase} for it; a task still running then (or lost with a
 * SIGKILL) is unlocked by the engine when its lock ({@code camunda.bpm.client.lock-duration}) expires and fetched by
 * another worker, which finds its earlier result (every task is idempotent, {@link JourneyTask}).
 */
@Component
class ExternalTaskDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskDrain.class);

    private final ObjectProvider<ExternalTaskClient> client;
    private volatile boolean running;

    ExternalTaskDrain(ObjectProvider<ExternalTaskClient> client) {
        this.client = client;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (running) {
            log.info("Shutting down: no more external tasks are fetched; finishing the tasks in hand");
            long started = System.nanoTime();
            client.ifAvailable(ExternalTaskClient::stop);
            running = false;
            log.info("External tasks drained in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Override
    public void stop(Runnable callback) {
        new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "external-task-drain").start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: the highest phase stops before every other lifecycle bean, the web server's included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
