package dev.carepath.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    private final DomainEvent orderCreated = new DomainEvent(
            "4b1f0d7e-1c51-4f0e-9a53-0f3f4c1d9a10",
            EventTypes.ORDER_CREATED,
            URI.create("/carepath/portal/orders"),
            "order-42",
            "acme-health",
            3,
            OffsetDateTime.of(2026, 11, 27, 10, 15, 30, 0, ZoneOffset.UTC),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            Map.of("orderId", "order-42", "therapy", "semaglutide", "stateCode", "TX"));

    @Test
    void roundTripKeepsEveryAttributeAndTheData() {
        DomainEvent decoded = codec.decode(codec.encode(orderCreated));

        assertThat(decoded).isEqualTo(orderCreated);
    }

    @Test
    void wireFormatIsAStructuredCloudEventWithOurExtensions() throws Exception {
        JsonNode wire = new ObjectMapper().readTree(codec.encode(orderCreated));

        assertThat(wire.path("specversion").asText()).isEqualTo("1.0");
        assertThat(wire.path("type").asText()).isEqualTo("order.created");
        assertThat(wire.path("subject").asText()).isEqualTo("order-42");
        assertThat(wire.path("tenantid").asText()).isEqualTo("acme-health");
        assertThat(wire.path("sequence").asLong()).isEqualTo(3);
        assertThat(wire.path("traceparent").asText()).startsWith("00-4bf92f35");
        assertThat(wire.path("dataschema").asText()).endsWith("/order.created/v1.json");
        assertThat(wire.path("data").path("therapy").asText()).isEqualTo("semaglutide");
    }

    @Test
    void anEventWithoutTenantIsRefused() {
        byte[] noTenant = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"order.created\","
                + "\"source\":\"/x\",\"subject\":\"o\"}").getBytes();

        assertThatThrownBy(() -> codec.decode(noTenant)).hasMessageContaining("tenantid");
    }
}
