package dev.carepath.contracts.events.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every record of {@link EventData}, found by event type and schema version, and the mapping between a record and
 * the JSON object of an envelope's {@code data}. Reading ignores properties the record does not know: a later,
 * compatible revision of a schema may add them, and consumers built before it must go on reading.
 */
public final class EventCatalog {

    private static final Pattern VERSION = Pattern.compile("/v(\\d+)\\.json$");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<Class<? extends EventData>> RECORDS = Arrays.stream(
                    EventData.class.getPermittedSubclasses())
            .<Class<? extends EventData>>map(record -> record.asSubclass(EventData.class))
            .toList();
    private static final Map<String, Class<? extends EventData>> BY_TYPE_AND_VERSION = RECORDS.stream()
            .collect(Collectors.toUnmodifiableMap(record -> key(typeOf(record).value(), typeOf(record).version()),
                    Function.identity()));

    private EventCatalog() {
    }

    /** Every record, one per event type and schema version. */
    public static List<Class<? extends EventData>> records() {
        return RECORDS;
    }

    /** The record of {@code type}'s data at schema {@code version}. */
    public static Optional<Class<? extends EventData>> recordOf(String type, int version) {
        return Optional.ofNullable(BY_TYPE_AND_VERSION.get(key(type, version)));
    }

    /** The event type and schema version {@code record} is the data of. */
    public static EventType typeOf(Class<? extends EventData> record) {
        EventType type = record.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalStateException(record.getName() + " names no @EventType");
        }
        return type;
    }

    /** {@code data} as the JSON object of an envelope's {@code data}; absent optional components are left out. */
    public static Map<String, Object> toMap(EventData data) {
        return JSON.convertValue(data, MAP);
    }

    /**
     * The data of {@code event} as the record of its type and the schema version its {@code dataschema} names.
     *
     * @throws IllegalArgumentException when no record describes the event's type and version
     */
    public static EventData read(DomainEvent event) {
        int version = versionOf(event);
        Class<? extends EventData> record = recordOf(event.type(), version).orElseThrow(() ->
                new IllegalArgumentException("no record for event type " + event.type() + " v" + version));
        return JSON.convertValue(event.data(), record);
    }

    /**
     * The data of {@code event} as the record of its type, or empty when no record describes its type and version:
     * for consumers that take what they know from any event and pass over the rest.
     */
    public static Optional<EventData> find(DomainEvent event) {
        return recordOf(event.type(), versionOf(event))
                .<EventData>map(record -> JSON.convertValue(event.data(), record));
    }

    /**
     * The data of {@code event} as {@code record}.
     *
     * @throws IllegalArgumentException when {@code record} is not the data of the event's type and schema version
     */
    public static <T extends EventData> T read(DomainEvent event, Class<T> record) {
        EventType type = typeOf(record);
        if (!type.value().equals(event.type()) || type.version() != versionOf(event)) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " is not the data of "
                    + record.getSimpleName());
        }
        return JSON.convertValue(event.data(), record);
    }

    private static int versionOf(DomainEvent event) {
        Matcher matcher = VERSION.matcher(event.dataSchema().toString());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
    }

    private static String key(String type, int version) {
        return type + "/v" + version;
    }
}
