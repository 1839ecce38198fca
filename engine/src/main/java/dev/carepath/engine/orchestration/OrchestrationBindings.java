package dev.carepath.engine.orchestration;

import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Spring Cloud Stream consumer {@code orchestrator} (binding {@code orchestrator-in-0}), and the schedule that
 * drains the early partner events ({@link EarlyEvents}).
 */
@Configuration
@EnableScheduling
class OrchestrationBindings {

    @Bean
    Consumer<Message<byte[]>> orchestrator(JourneyOrchestrator orchestrator) {
        return orchestrator::accept;
    }
}
