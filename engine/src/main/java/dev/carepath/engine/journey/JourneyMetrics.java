package dev.carepath.engine.journey;

import dev.carepath.engine.observability.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Journeys (order series) started and ended, counted when the engine's transaction that started or ended them
 * commits: {@code carepath.journeys.started} (a first cycle started) and {@code carepath.journeys.ended{outcome}}
 * (the outcome of {@code journey.completed} / {@code journey.ended}: COMPLETED, PAYMENT_DECLINED, CANCELLED, ...).
 */
@Component
public class JourneyMetrics {

    private final MeterRegistry registry;

    JourneyMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable();
    }

    void journeyStarted() {
        if (registry != null) {
            Counter counter = Counter.builder("carepath.journeys.started")
                    .description("journeys started (their first cycle)").register(registry);
            AfterCommit.run(counter::increment);
        }
    }

    /** A journey ended with {@code outcome}; also called by the orchestrator for a journey cancelled between cycles. */
    public void journeyEnded(String outcome) {
        if (registry != null) {
            Counter counter = Counter.builder("carepath.journeys.ended")
                    .description("journeys ended, by outcome").tag("outcome", outcome).register(registry);
            AfterCommit.run(counter::increment);
        }
    }
}
