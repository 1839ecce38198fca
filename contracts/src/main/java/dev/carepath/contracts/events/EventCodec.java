package dev.carepath.contracts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Writes and reads the CloudEvents 1.0 envelope in structured JSON mode
 * ({@code application/cloudevents+json}) with the CloudEvents Java SDK.
 */
public final class EventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String EXT_TENANT = "tenantid";
    public static final String EXT_SEQUENCE = "sequence";
    public static final String EXT_TRACEPARENT = "traceparent";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;
    private final EventFormat format = new JsonFormat();

    public EventCodec(ObjectMapper json) {
        this.json = json;
    }

    public EventCodec() {
        this(new ObjectMapper().findAndRegisterModules());
    }

    public byte[] encode(DomainEvent event) {
        return format.serialize(toCloudEvent(event));
    }

    public DomainEvent decode(byte[] body) {
        return fromCloudEvent(format.deserialize(body));
    }

    public CloudEvent toCloudEvent(DomainEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withType(event.type())
                .withSource(event.source())
                .withSubject(event.subject())
                .withTime(event.time())
                .withDataSchema(event.dataSchema())
                .withDataContentType("application/json")
                .withExtension(EXT_TENANT, event.tenantId())
                .withExtension(EXT_SEQUENCE, event.sequence())
                .withData(writeData(event.data()));
        if (event.traceparent() != null) {
            builder.withExtension(EXT_TRACEPARENT, event.traceparent());
        }
        return builder.build();
    }

    public DomainEvent fromCloudEvent(CloudEvent event) {
        Object tenant = event.getExtension(EXT_TENANT);
        if (tenant == null) {
            throw new IllegalArgumentException("event " + event.getId() + " has no tenantid");
        }
        Object sequence = event.getExtension(EXT_SEQUENCE);
        Object traceparent = event.getExtension(EXT_TRACEPARENT);
        return new DomainEvent(
                event.getId(),
                event.getType(),
                event.getSource(),
                event.getSubject(),
                tenant.toString(),
                sequence == null ? 0 : Long.parseLong(sequence.toString()),
                event.getTime() == null ? null : event.getTime().withOffsetSameInstant(ZoneOffset.UTC),
                traceparent == null ? null : traceparent.toString(),
                readData(event.getData()));
    }

    private byte[] writeData(Map<String, Object> data) {
        try {
            return json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serializable", e);
        }
    }

    private Map<String, Object> readData(CloudEventData data) {
        if (data == null) {
            return Map.of();
        }
        try {
            return json.readValue(data.toBytes(), MAP);
        } catch (IOException e) {
            throw new IllegalArgumentException("event data is not a JSON object", e);
        }
    }
}
