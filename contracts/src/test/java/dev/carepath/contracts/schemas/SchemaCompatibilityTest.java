package dev.carepath.contracts.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode baseline() throws Exception {
        return (ObjectNode) json.readTree("""
                {"type": "object",
                 "properties": {
                   "orderId": {"type": "string", "format": "uuid"},
                   "amountMinor": {"type": "integer"},
                   "lines": {"type": "array", "items": {"type": "object",
                             "properties": {"sku": {"type": "string"}}}}},
                 "required": ["orderId"]}""");
    }

    private ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    @Test
    void anUnchangedSchemaIsCompatible() throws Exception {
        assertThat(SchemaCompatibility.breakingChanges(baseline(), baseline())).isEmpty();
    }

    @Test
    void anAddedOptionalFieldIsCompatible() throws Exception {
        ObjectNode current = baseline();
        properties(current).putObject("currency").put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(baseline(), current)).isEmpty();
    }

    @Test
    void aRemovedFieldIsDetected() throws Exception {
        ObjectNode current = baseline();
        properties(current).remove("amountMinor");

        assertThat(SchemaCompatibility.breakingChanges(baseline(), current)).containsExactly("$.amountMinor: removed");
    }

    @Test
    void aRetypedFieldIsDetected() throws Exception {
        ObjectNode current = baseline();
        ((ObjectNode) properties(current).get("amountMinor")).put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(baseline(), current))
                .containsExactly("$.amountMinor: type changed from [integer] to [string]");
    }

    @Test
    void aChangedFormatIsDetected() throws Exception {
        ObjectNode current = baseline();
        ((ObjectNode) properties(current).get("orderId")).remove("format");

        assertThat(SchemaCompatibility.breakingChanges(baseline(), current))
                .containsExactly("$.orderId: format changed from uuid to none");
    }

    @Test
    void aNewlyRequiredFieldIsDetected() throws Exception {
        ObjectNode current = baseline();
        ((ArrayNode) current.get("required")).add("amountMinor");

        assertThat(SchemaCompatibility.breakingChanges(baseline(), current))
                .containsExactly("$.amountMinor: became required");
    }

    @Test
    void changesInsideArrayItemsAreDetected() throws Exception {
        ObjectNode current = baseline();
        JsonNode item = properties(current).get("lines").get("items");
        ((ObjectNode) item.get("properties")).remove("sku");

        assertThat(SchemaCompatibility.breakingChanges(baseline(), current)).containsExactly("$.lines[].sku: removed");
    }
}
