package dev.carepath.portal;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.eventing.StreamBridgePublisher;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Puts events on the backbone's exchange the way the relay does (the CloudEvents JSON envelope as body,
 * content type {@code application/json}, routing key and {@code eventType} header = type, message id =
 * event id), for tests of the portal's consumers.
 */
public final class BackboneEvents {

    public static final URI WORKERS = URI.create("/carepath/job-workers/payments");

    private final RabbitTemplate rabbit;
    private final EventCodec codec;

    public BackboneEvents(RabbitTemplate rabbit, EventCodec codec) {
        this.rabbit = rabbit;
        this.codec = codec;
    }

    /** An event of {@code journeyId} (its {@code orderId}) with a fresh id, aggregate and sequence 1. */
    public static DomainEvent event(String type, UUID journeyId, String tenant, OffsetDateTime time,
            Map<String, Object> data) {
        Map<String, Object> withOrder = new HashMap<>(data);
        withOrder.put("orderId", journeyId.toString());
        return new DomainEvent(UUID.randomUUID().toString(), type, WORKERS, "agg-" + UUID.randomUUID(), tenant, 1,
                time, null, withOrder);
    }

    public void publish(DomainEvent event) {
        publishRaw(event.type(), event.id(), codec.encode(event));
    }

    /**
     * Leaves {@code event} on the dead-letter queue of consumer group {@code group} as a refusal for good leaves it: the
     * relay's body and headers plus the refusal's reason ({@code x-exception-message}, as the binder adds it).
     */
    public void deadLetter(String group, DomainEvent event, String reason) {
        rabbit.send("", "carepath.events." + group + ".dlq", MessageBuilder.withBody(codec.encode(event))
                .setContentType("application/json")
                .setMessageId(event.id())
                .setHeader(StreamBridgePublisher.TYPE_HEADER, event.type())
                .setHeader("x-exception-message", reason)
                .build());
    }

    /** Publishes {@code body} as it is, e.g. a malformed envelope. */
    public void publishRaw(String type, String messageId, byte[] body) {
        rabbit.send("carepath.events", type, MessageBuilder.withBody(body)
                // What the relay's binding sends. (Declared as application/cloudevents+json, Spring Cloud
                // Function would hand the consumer the event data only, without its envelope.)
                .setContentType("application/json")
                .setMessageId(messageId)
                .setHeader(StreamBridgePublisher.TYPE_HEADER, type)
                .build());
    }
}
