package dev.carepath.contracts.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.carepath.contracts.events.DomainEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates event data against the JSON Schema its envelope names in {@code dataschema}. Schemas are
 * read from the classpath ({@value #LOCATION}{@code <type>/v1.json}) and compiled once per type.
 */
public final class EventSchemas {

    public static final String LOCATION = "schemas/events/";

    private final ObjectMapper json;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Optional<Schema>> compiled = new ConcurrentHashMap<>();

    public EventSchemas(ObjectMapper json) {
        this.json = json;
    }

    public EventSchemas() {
        this(new ObjectMapper().findAndRegisterModules());
    }

    /** The classpath resource of {@code type}'s v1 schema. */
    public static String resourceOf(String type) {
        return LOCATION + type + "/v1.json";
    }

    /** Whether a schema for {@code type} is on the classpath. */
    public boolean knows(String type) {
        return schema(type).isPresent();
    }

    /** The schema violations of {@code event}'s data, empty when it conforms. */
    public List<String> violations(DomainEvent event) {
        return violations(event.type(), json.valueToTree(event.data()));
    }

    /** The schema violations of {@code data} as event data of {@code type}, empty when it conforms. */
    public List<String> violations(String type, JsonNode data) {
        Schema schema = schema(type).orElseThrow(() ->
                new IllegalArgumentException("no schema for event type " + type + " at " + resourceOf(type)));
        return schema.validate(data).stream().map(Error::toString).toList();
    }

    /**
     * Throws when {@code event}'s data does not conform to its schema. The message names the rule
     * broken and where, never the offending value.
     */
    public void requireValid(DomainEvent event) {
        List<String> violations = violations(event);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(event.type() + " does not conform to " + event.dataSchema()
                    + ": " + violations);
        }
    }

    private Optional<Schema> schema(String type) {
        return compiled.computeIfAbsent(type, this::load);
    }

    private Optional<Schema> load(String type) {
        if (!type.matches("[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*")) {
            return Optional.empty();
        }
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resourceOf(type))) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(registry.getSchema(json.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourceOf(type), e);
        }
    }
}
