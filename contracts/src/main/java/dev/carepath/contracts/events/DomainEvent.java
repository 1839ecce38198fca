package dev.carepath.contracts.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * One domain event as carepath code sees it. {@link EventCodec} maps it to and from the CloudEvents
 * envelope.
 *
 * @param id          unique event id (CloudEvents {@code id}); consumers deduplicate on it
 * @param type        event type, see {@link EventTypes}
 * @param source      the publishing service, e.g. {@code /carepath/portal/orders}
 * @param subject     the aggregate id (for order events, the order id)
 * @param tenantId    owning tenant (extension {@code tenantid})
 * @param sequence    per-aggregate sequence number (extension {@code sequence}), starting at 1
 * @param time        when the state change committed
 * @param traceparent W3C trace context of the request that caused the event, or {@code null}
 * @param data        the payload: references and routing facts only
 */
public record DomainEvent(
        String id,
        String type,
        URI source,
        String subject,
        String tenantId,
        long sequence,
        OffsetDateTime time,
        String traceparent,
        Map<String, Object> data) {

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(time, "time");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The data value under {@code key} as text, or {@code null}. */
    public String text(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    /** The schema version this event's data follows, as named in {@code dataschema}. */
    public URI dataSchema() {
        return URI.create("https://carepath.dev/schemas/events/" + type + "/v1.json");
    }
}
