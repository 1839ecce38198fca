package dev.carepath.portal.readmodel;

import dev.carepath.eventing.EventInbox;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code readModel} function: binding {@code readModel-in-0}, every event type on
 * {@code carepath.events}, consumer group {@code portal-read-model}.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelConsumer {

    static final String SCHEMA = "read";
    static final String CONSUMER = "portal-read-model";

    @Bean
    Consumer<Message<byte[]>> readModel(EventInbox inbox, JourneyProjection projection) {
        return message -> inbox.consume(SCHEMA, CONSUMER, message, projection::apply);
    }
}
