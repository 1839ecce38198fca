package dev.carepath.portal.audit;

import dev.carepath.eventing.EventInbox;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code audit} function: binding {@code audit-in-0}, every event type on {@code carepath.events},
 * consumer group {@code portal-audit}. Each event is claimed and chained in one transaction.
 */
@Configuration(proxyBeanMethods = false)
class AuditConsumer {

    static final String SCHEMA = "audit";
    static final String CONSUMER = "portal-audit";

    private static final Logger log = LoggerFactory.getLogger(AuditConsumer.class);

    @Bean
    Consumer<Message<byte[]>> audit(EventInbox inbox, AuditTrail trail) {
        return message -> inbox.consume(SCHEMA, CONSUMER, message, event -> {
            if (trail.record(event)) {
                log.info("{} audited", event.type());
            }
        });
    }
}
