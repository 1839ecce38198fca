package dev.carepath.portal.callbacks;

import dev.carepath.eventing.EventInbox;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code callbacks} function: binding {@code callbacks-in-0}, the milestone event types
 * ({@link Milestone#SOURCES}) on {@code carepath.events}, consumer group {@code portal-callbacks}, its own durable
 * queue and dead-letter queue. Each event is claimed once in schema {@code callbacks}, in the same transaction as
 * the delivery it makes.
 */
@Configuration(proxyBeanMethods = false)
class CallbackConsumer {

    static final String SCHEMA = "callbacks";
    static final String CONSUMER = "portal-callbacks";

    @Bean
    Consumer<Message<byte[]>> callbacks(EventInbox inbox, Deliveries deliveries) {
        return message -> inbox.consume(SCHEMA, CONSUMER, message, deliveries::enqueue);
    }
}
