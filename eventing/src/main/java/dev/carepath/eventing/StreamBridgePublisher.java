package dev.carepath.eventing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes through a Spring Cloud Stream output binding to the RabbitMQ topic exchange. The binding
 * routes on the {@value #TYPE_HEADER} header and runs with {@code use-confirm-header}, so each message
 * carries a {@link CorrelationData} whose future completes on the broker's publisher confirm.
 */
public class StreamBridgePublisher implements EventPublisher {

    /**
     * The body is a whole CloudEvent in structured JSON mode. It is labelled plain JSON on purpose:
     * labelled {@code application/cloudevents+json}, Spring Cloud Function would unwrap the envelope
     * before our consumers see it, and they deduplicate on its id.
     */
    static final String WIRE_CONTENT_TYPE = "application/json";

    /** Header carrying the event type; the binding's routing-key expression reads it. */
    public static final String TYPE_HEADER = "eventType";

    private final StreamBridge bridge;
    private final String binding;
    private final Duration confirmTimeout;

    public StreamBridgePublisher(StreamBridge bridge, String binding, Duration confirmTimeout) {
        this.bridge = bridge;
        this.binding = binding;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publishConfirmed(List<OutboundEvent> events) {
        List<CorrelationData> pending = new ArrayList<>(events.size());
        for (OutboundEvent event : events) {
            CorrelationData correlation = new CorrelationData(event.eventId());
            var message = MessageBuilder.withPayload(event.envelope())
                    .setHeader(TYPE_HEADER, event.type())
                    .setHeader(MessageHeaders.CONTENT_TYPE, WIRE_CONTENT_TYPE)
                    .setHeader(AmqpHeaders.MESSAGE_ID, event.eventId())
                    .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                    .build();
            if (!bridge.send(binding, message)) {
                throw new EventPublishException("binding " + binding + " refused event " + event.eventId(), null);
            }
            pending.add(correlation);
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (CorrelationData correlation : pending) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                var confirm = correlation.getFuture().get(left, TimeUnit.NANOSECONDS);
                if (!confirm.isAck()) {
                    throw new EventPublishException("broker nacked event " + correlation.getId()
                            + ": " + confirm.getReason(), null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublishException("interrupted waiting for confirms", e);
            } catch (Exception e) {
                if (e instanceof EventPublishException publishException) {
                    throw publishException;
                }
                throw new EventPublishException("no confirm for event " + correlation.getId(), e);
            }
        }
    }
}
