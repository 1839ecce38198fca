package dev.carepath.engine.journey;

import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({JourneyTimers.Settings.class, JourneyProgrammes.Settings.class})
class JourneyEngineConfiguration {

    @Bean
    ProcessEnginePlugin tenantIdProviderPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setTenantIdProvider(new TenantFromVariable());
            }
        };
    }

    /**
     * Incidents of the two types the engine opens (a worker's external task or an engine job out of retries) are
     * also published as {@code journey.incident-opened} ({@link JourneyIncidents}). The events are looked up when
     * an incident opens, not when the engine is configured: they need the engine's data source and outbox.
     */
    @Bean
    ProcessEnginePlugin incidentEventsPlugin(ObjectProvider<JourneyEvents> events) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setCustomIncidentHandlers(List.of(
                        new JourneyIncidents(Incident.EXTERNAL_TASK_HANDLER_TYPE, events),
                        new JourneyIncidents(Incident.FAILED_JOB_HANDLER_TYPE, events)));
            }
        };
    }
}
