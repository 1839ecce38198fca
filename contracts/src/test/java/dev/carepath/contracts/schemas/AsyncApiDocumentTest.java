package dev.carepath.contracts.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.carepath.contracts.events.EventTypes;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document names every event type, on the backbone's exchange, with its schema. */
class AsyncApiDocumentTest {

    @Test
    void everyEventTypeIsAChannelOnTheTopicExchangeWithItsSchema() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).isNotNull();
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> {
            addresses.add(channel.path("address").asText());
            JsonNode exchange = channel.path("bindings").path("amqp").path("exchange");
            assertThat(exchange.path("name").asText()).isEqualTo("carepath.events");
            assertThat(exchange.path("type").asText()).isEqualTo("topic");
        });
        for (String type : EventSchemasTest.eventTypes()) {
            assertThat(addresses).as("channels").contains(type);
        }
        for (JsonNode message : doc.path("components").path("messages")) {
            String type = message.path("name").asText();
            JsonNode data = message.path("payload").path("allOf").get(1).path("properties").path("data");
            String reference = data.path("$ref").asText();
            assertThat(reference).isEqualTo(EventSchemas.resourceOf(type));
            assertThat(getClass().getClassLoader().getResource(reference)).as(reference).isNotNull();
        }
        assertThat(doc.path("components").path("messages").size()).isEqualTo(addresses.size());
    }

    /**
     * A retired type ({@code @Deprecated} in {@link dev.carepath.contracts.events.EventTypes}) keeps its channel and
     * its schema, both saying so: the channel is tagged {@code retired}, the schema is {@code deprecated}. No other
     * channel or schema is.
     */
    @Test
    void retiredTypesKeepTheirChannelAndSchemaMarkedRetired() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> retired = new TreeSet<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.isAnnotationPresent(Deprecated.class)) {
                retired.add((String) field.get(null));
            }
        }
        assertThat(retired).contains(EventTypes.PATIENT_REGISTERED);

        Set<String> tagged = new TreeSet<>();
        doc.path("channels").forEach(channel -> channel.path("tags").forEach(tag -> {
            if ("retired".equals(tag.path("name").asText())) {
                tagged.add(channel.path("address").asText());
            }
        }));
        assertThat(tagged).isEqualTo(retired);
        ObjectMapper json = new ObjectMapper();
        for (String type : EventSchemasTest.eventTypes()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventSchemas.resourceOf(type))) {
                assertThat(json.readTree(in).path("deprecated").asBoolean()).as("%s deprecated", type)
                        .isEqualTo(retired.contains(type));
            }
        }
    }
}
