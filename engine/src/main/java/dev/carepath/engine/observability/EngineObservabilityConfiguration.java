package dev.carepath.engine.observability;

import dev.carepath.eventing.EventTracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The engine's metrics and its trace hand-over to external tasks (package documentation). */
@Configuration(proxyBeanMethods = false)
class EngineObservabilityConfiguration {

    @Bean
    ProcessEnginePlugin observabilityPlugin(ObjectProvider<MeterRegistry> meters, EventTracing tracing,
            JdbcTemplate jdbc) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                MeterRegistry registry = meters.getIfAvailable();
                if (registry != null) {
                    var handlers = new ArrayList<HistoryEventHandler>();
                    if (configuration.getCustomHistoryEventHandlers() != null) {
                        handlers.addAll(configuration.getCustomHistoryEventHandlers());
                    }
                    handlers.add(new JourneyHistoryMetrics(registry, jdbc));
                    configuration.setCustomHistoryEventHandlers(handlers);
                }
                var parseListeners = new ArrayList<BpmnParseListener>();
                if (configuration.getCustomPostBPMNParseListeners() != null) {
                    parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
                }
                parseListeners.add(new TraceToExternalTasks(tracing));
                configuration.setCustomPostBPMNParseListeners(parseListeners);
            }
        };
    }

    /**
     * {@code carepath.incidents.open}: incidents waiting for staff in Cockpit (tasks whose retries ran out, failed
     * jobs), counted in the engine's database when Prometheus scrapes; every engine node reports the same number.
     */
    @Bean
    MeterBinder openIncidents(ObjectProvider<RuntimeService> runtime) {
        return registry -> Gauge.builder("carepath.incidents.open", runtime,
                        r -> r.getObject().createIncidentQuery().count())
                .description("open incidents in the engine (all tenants)")
                .register(registry);
    }
}
