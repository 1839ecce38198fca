package dev.carepath.eventing;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.tenancy.TenantTransactions;
import io.micrometer.tracing.Span;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

/**
 * Applies a consumed event exactly once: the event id is claimed in the consumer's schema in the same
 * transaction as the effect, under the event's tenant. A redelivered event finds its claim and does
 * nothing; an effect that throws rolls the claim back and hands the message to {@link BrokerRetries}:
 * it waits on the broker for its next attempt while the consumer goes on with the next message, and
 * past the bounded attempts (or at once, when it is no event envelope) it is dead-lettered.
 */
public class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final TenantTransactions transactions;
    private final ProcessedEvents processed;
    private final EventCodec codec;
    private final BrokerRetries retries;
    private final EventTracing tracing;

    public EventInbox(TenantTransactions transactions, ProcessedEvents processed, EventCodec codec,
            BrokerRetries retries) {
        this(transactions, processed, codec, retries, EventTracing.none());
    }

    /** An inbox that applies each event in a span continuing the trace the event was produced in. */
    public EventInbox(TenantTransactions transactions, ProcessedEvents processed, EventCodec codec,
            BrokerRetries retries, EventTracing tracing) {
        this.transactions = transactions;
        this.processed = processed;
        this.codec = codec;
        this.retries = retries;
        this.tracing = tracing;
    }

    /** An inbox whose failures are rethrown to the caller (no broker retries). */
    public EventInbox(TenantTransactions transactions, ProcessedEvents processed, EventCodec codec) {
        this(transactions, processed, codec, BrokerRetries.none());
    }

    /** Decodes the message and applies {@code effect} once for consumer {@code consumer}. */
    public void consume(String schema, String consumer, Message<byte[]> message, Consumer<DomainEvent> effect) {
        try {
            apply(schema, consumer, message, effect);
        } catch (RuntimeException failure) {
            retries.failed(message, failure);
        }
    }

    private void apply(String schema, String consumer, Message<byte[]> message, Consumer<DomainEvent> effect) {
        DomainEvent event = decode(message);
        MDC.put("eventId", event.id());
        MDC.put("tenantId", event.tenantId());
        String orderId = event.text("orderId");
        if (orderId != null) {
            MDC.put("journeyId", orderId);
        }
        try {
            // The producer's trace goes on here: the span's trace id is the one of the event's traceparent.
            tracing.inSpan(consumer + " " + event.type(), event.traceparent(), Span.Kind.CONSUMER,
                    Map.of("carepath.consumer", consumer, "carepath.event.type", event.type()),
                    () -> transactions.run(event.tenantId(), () -> {
                        if (processed.claim(schema, consumer, event)) {
                            effect.accept(event);
                        } else {
                            log.info("{} {} already processed by {}", event.type(), event.id(), consumer);
                        }
                    }));
        } finally {
            MDC.remove("eventId");
            MDC.remove("tenantId");
            MDC.remove("journeyId");
        }
    }

    private DomainEvent decode(Message<byte[]> message) {
        try {
            return codec.decode(message.getPayload());
        } catch (RuntimeException e) {
            // The reason names the envelope's defect, never the body: it may carry references of a patient.
            throw new MalformedEventException("not a carepath event envelope: " + e.getClass().getSimpleName(), e);
        }
    }
}
