package dev.carepath.workers.tasks;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.eventing.EventTracing;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workers' share of metrics and traces (docs/adr/0019-observability.md): the task timers, the partners' circuit
 * breakers as meters (Resilience4j's own Micrometer binder: state, calls by outcome with their durations, failure
 * rate, per partner), and the trace carried to the engine on each outcome a task reports.
 */
@Configuration(proxyBeanMethods = false)
class TaskObservability {

    @Bean
    TaskMetrics taskMetrics(ObjectProvider<MeterRegistry> registry,
            @Value("${camunda.bpm.client.lock-duration:20000}") long lockDurationMillis) {
        return new TaskMetrics(registry.getIfAvailable(), Duration.ofMillis(lockDurationMillis));
    }

    /** {@code resilience4j.circuitbreaker.*{name=<partner>}}, for every partner's breaker as it is created. */
    @Bean
    MeterBinder partnerCircuitBreakers(PartnerHttp partners) {
        return registry -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(partners.circuitBreakers())
                .bindTo(registry);
    }

    /**
     * A task's completion, BPMN error or failure goes to the engine REST API with the task span's traceparent, so
     * the engine's work on it (the next steps, the journey events it appends) continues the same trace.
     */
    @Bean
    ClientRequestInterceptor traceparentToEngine(EventTracing tracing) {
        return context -> {
            String traceparent = tracing.currentTraceparent();
            if (traceparent != null) {
                context.addHeader(EventTracing.TRACEPARENT, traceparent);
            }
        };
    }
}
