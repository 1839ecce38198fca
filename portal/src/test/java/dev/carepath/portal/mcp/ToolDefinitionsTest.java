package dev.carepath.portal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool definitions an LLM reads ({@code mcp/tools/<name>.json}): each is a valid MCP tool, says what it does,
 * the scope it needs and its errors, describes every argument (nested ones too), requires only arguments it has,
 * takes no others, and says what it answers (an output schema).
 */
class ToolDefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"start_journey", "get_journey", "list_journeys", "cancel_journey", "get_prescription",
            "check_eligibility"})
    void aToolIsDescribedForAnLlmReader(String name) throws IOException {
        JsonNode definition = definition(name);
        McpSchema.Tool tool = JSON.treeToValue(definition, McpSchema.Tool.class);

        assertThat(tool.name()).isEqualTo(name);
        assertThat(tool.title()).isNotBlank();
        assertThat(tool.description()).hasSizeGreaterThan(400)
                .contains("Use it").contains("Returns").contains("Needs the scope").contains("isError")
                .contains("https://carepath.dev/problems/").contains("insufficient-scope");
        JsonNode input = definition.path("inputSchema");
        assertThat(input.path("type").asText()).isEqualTo("object");
        assertThat(input.path("additionalProperties").asBoolean(true)).as("unknown arguments refused").isFalse();
        assertThat(undescribed(input, "")).as("arguments without a description").isEmpty();
        input.path("required").forEach(required ->
                assertThat(input.path("properties").has(required.asText())).as(required.asText()).isTrue());
        assertThat(tool.outputSchema()).containsEntry("type", "object").containsKey("properties");
        assertThat(tool.annotations().readOnlyHint()).isNotNull();
    }

    /** Every property of {@code schema}, nested objects included, that has no description. */
    private static List<String> undescribed(JsonNode schema, String prefix) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String path = prefix + property.getKey();
            if (property.getValue().path("description").asText().isBlank()) {
                missing.add(path);
            }
            missing.addAll(undescribed(property.getValue(), path + "."));
        }
        return missing;
    }

    private static JsonNode definition(String name) throws IOException {
        try (InputStream in = ToolDefinitionsTest.class.getResourceAsStream("/mcp/tools/" + name + ".json")) {
            assertThat(in).as("mcp/tools/%s.json", name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
