package dev.carepath.contracts.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventSchemas schemas = new EventSchemas(json);

    /** Every type named in {@link EventTypes}. */
    static List<String> eventTypes() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                types.add((String) field.get(null));
            }
        }
        return types;
    }

    @Test
    void everyEventTypeHasASchemaWhoseIdIsTheEnvelopesDataschema() throws Exception {
        List<String> types = eventTypes();
        assertThat(types).hasSizeGreaterThanOrEqualTo(17);
        for (String type : types) {
            assertThat(schemas.knows(type)).as("schema of %s", type).isTrue();
            JsonNode schema = read(EventSchemas.resourceOf(type));
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(event(type, Map.of()).dataSchema().toString());
            assertThat(schema.path("description").asText()).as("description of %s", type).isNotBlank();
        }
    }

    @Test
    void conformingDataPassesAndExtraFieldsAreAllowed() {
        Map<String, Object> data = paymentCaptured();
        data.put("addedInALaterRevision", true);

        assertThat(schemas.violations(event(EventTypes.PAYMENT_CAPTURED, data))).isEmpty();
    }

    @Test
    void aMissingRequiredFieldIsAViolation() {
        Map<String, Object> data = paymentCaptured();
        data.remove("chargeId");

        assertThat(schemas.violations(event(EventTypes.PAYMENT_CAPTURED, data)))
                .singleElement().asString().contains("chargeId");
    }

    @Test
    void aWronglyTypedFieldIsAViolationThatDoesNotEchoTheValue() {
        Map<String, Object> data = paymentCaptured();
        data.put("amountMinor", "4999 cents");

        List<String> violations = schemas.violations(event(EventTypes.PAYMENT_CAPTURED, data));

        assertThat(violations).singleElement().asString().contains("amountMinor").doesNotContain("4999 cents");
        assertThatThrownBy(() -> schemas.requireValid(event(EventTypes.PAYMENT_CAPTURED, data)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment.captured/v1.json");
    }

    @Test
    void theQualificationAndTitrationEventsConformWithOutcomesAndDoseStepsOnly() {
        Map<String, Object> qualified = new LinkedHashMap<>(Map.of("orderId", UUID.randomUUID().toString(),
                "outcome", "refer", "reasonCode", "CLINICIAN_REVIEW", "decisionKey", "eligibility",
                "therapy", "tirzepatide", "stateCode", "CA"));
        Map<String, Object> titrated = new LinkedHashMap<>(Map.of("orderId", UUID.randomUUID().toString(),
                "cycle", 2, "therapy", "semaglutide", "doseStep", 2, "weeksToNextFollowUp", 4,
                "decisionKey", "titration"));

        assertThat(schemas.violations(event(EventTypes.PATIENT_QUALIFIED, qualified))).isEmpty();
        assertThat(schemas.violations(event(EventTypes.ORDER_TITRATED, titrated))).isEmpty();
        qualified.remove("reasonCode");
        titrated.put("doseStep", 0);
        assertThat(schemas.violations(event(EventTypes.PATIENT_QUALIFIED, qualified))).singleElement().asString()
                .contains("reasonCode");
        assertThat(schemas.violations(event(EventTypes.ORDER_TITRATED, titrated))).singleElement().asString()
                .contains("doseStep");
    }

    @Test
    void anUnknownTypeHasNoSchema() {
        assertThat(schemas.knows("order.teleported")).isFalse();
        assertThat(schemas.knows("../../etc.passwd")).isFalse();
        assertThatThrownBy(() -> schemas.violations(event("order.teleported", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no schema for event type order.teleported");
    }

    private static Map<String, Object> paymentCaptured() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", UUID.randomUUID().toString());
        data.put("cycle", 1);
        data.put("processor", "stripe-sim");
        data.put("amountMinor", 4999);
        data.put("currency", "USD");
        data.put("chargeId", "ch_1");
        return data;
    }

    private static DomainEvent event(String type, Map<String, Object> data) {
        return new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/test"), "agg-1", "acme-health", 1,
                OffsetDateTime.now(), null, data);
    }

    private JsonNode read(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return json.readTree(in);
        }
    }
}
