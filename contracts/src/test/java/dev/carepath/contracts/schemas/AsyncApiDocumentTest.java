package dev.carepath.contracts.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
}
