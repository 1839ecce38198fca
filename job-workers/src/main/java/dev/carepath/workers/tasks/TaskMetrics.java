package dev.carepath.workers.tasks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Date;

/**
 * The external tasks' timers, per topic and outcome (completed, bpmn-error, circuit-open, failed, incident,
 * not-reported):
 * <ul>
 *   <li>{@code carepath.external.task}: from the handler's start to the engine taking its outcome;</li>
 *   <li>{@code carepath.external.task.fetch.to.complete}: from the fetch (the lock's start, its expiry less the lock
 *       duration, on the engine's clock) to the engine taking the outcome, so the time a task waited in the fetched
 *       batch for its handler counts too.</li>
 * </ul>
 */
public class TaskMetrics {

    private static final TaskMetrics NONE = new TaskMetrics(null, Duration.ZERO);

    private final MeterRegistry registry;
    private final Duration lockDuration;

    public TaskMetrics(MeterRegistry registry, Duration lockDuration) {
        this.registry = registry;
        this.lockDuration = lockDuration;
    }

    static TaskMetrics none() {
        return NONE;
    }

    void handled(String topic, String outcome, Duration handling, Date lockExpiration) {
        if (registry == null) {
            return;
        }
        Timer.builder("carepath.external.task")
                .description("external task handling, from the handler's start to the engine taking its outcome")
                .tag("topic", topic).tag("outcome", outcome)
                .register(registry).record(handling);
        if (lockExpiration != null) {
            long fetchedAt = lockExpiration.getTime() - lockDuration.toMillis();
            long sinceFetch = System.currentTimeMillis() - fetchedAt;
            if (sinceFetch >= 0) {
                Timer.builder("carepath.external.task.fetch.to.complete")
                        .description("external task latency from its fetch (lock start) to its reported outcome")
                        .tag("topic", topic).tag("outcome", outcome)
                        .register(registry).record(Duration.ofMillis(sinceFetch));
            }
        }
    }
}
