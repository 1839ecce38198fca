package dev.carepath.engine.schema;

import dev.carepath.eventing.EventingProperties;
import javax.sql.DataSource;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.spring.boot.starter.property.OperatonBpmProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OperatonSchemaConfiguration {

    /**
     * A process engine plugin, not a bean of its own the engine would have to depend on: Operaton runs every plugin's
     * {@code preInit} first when it builds the engine, so the owner's migration finishes before Operaton checks or
     * touches a table, whichever bean asks for the engine first.
     */
    @Bean
    EngineStartLock engineStartLock(DataSource dataSource) {
        return new EngineStartLock(dataSource);
    }

    @Bean
    ProcessEnginePlugin operatonSchema(DataSource dataSource, OperatonBpmProperties operaton, EventingProperties events,
            EngineStartLock startLock) {
        return new OperatonSchema(dataSource, operaton.getDatabase().getSchemaName(), events.migration(), startLock);
    }
}
