package dev.carepath.portal.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.portal.web.Problems;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Turns a tool's handler into an MCP tool: its definition from {@code mcp/tools/<name>.json} (description, input and
 * output schemas for an LLM reader), the caller from the request's token, the scope check, arguments not in the input
 * schema refused, and the answer as structured content (with the same JSON as text, for clients that read only
 * text; a field without a value is left out of both). A refusal, any {@link ErrorResponseException} the portal's services throw, becomes a tool error
 * ({@code isError}) whose text is the REST API's problem JSON; anything else is an {@code internal-error} problem,
 * logged by exception class only (a message may quote a value). One log line per call, with its duration.
 */
@Component
class ToolCalls {

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** A tool's work: given the authorized caller and the arguments, its answer (a record or map, as JSON). */
    @FunctionalInterface
    interface Handler {
        Object call(Caller caller, Arguments arguments);
    }

    private final ObjectMapper json;
    /** Answers leave out what has no value (the MCP transport drops nulls anyway), so text and structure agree. */
    private final ObjectMapper answers;

    ToolCalls(ObjectMapper json) {
        this.json = json;
        this.answers = json.copy().setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    }

    /** The tool {@code name}, which needs {@code scope}, answered by {@code handler}. */
    SyncToolSpecification tool(String name, String scope, Handler handler) {
        McpSchema.Tool tool = definition(name);
        List<String> known = List.copyOf(tool.inputSchema().properties().keySet());
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            long started = System.nanoTime();
            String outcome = "failed";
            try {
                Caller caller = Caller.of(exchange);
                caller.require(scope);
                MDC.put("tenantId", caller.tenant());
                Arguments arguments = new Arguments(request.arguments(), json);
                refuseUnknown(arguments, known);
                McpSchema.CallToolResult result = answer(handler.call(caller, arguments));
                outcome = "answered";
                return result;
            } catch (ErrorResponseException e) {
                outcome = "refused: " + e.getBody().getType();
                return problem(e.getBody());
            } catch (RuntimeException e) {
                log.error("tool {} failed unexpectedly: {}", name, e.getClass().getName());
                return problem(Problems.detail(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL, "Internal error",
                        "The tool call could not be completed; it is safe to retry it."));
            } finally {
                log.info("mcp tool {} {} in {} ms", name, outcome, (System.nanoTime() - started) / 1_000_000);
                MDC.remove("tenantId");
            }
        }).build();
    }

    private static void refuseUnknown(Arguments arguments, List<String> known) {
        List<Problems.FieldError> unknown = arguments.values().keySet().stream().filter(name -> !known.contains(name))
                .sorted()
                .map(name -> new Problems.FieldError(name, "not an argument of this tool; its arguments are "
                        + String.join(", ", known)))
                .toList();
        if (!unknown.isEmpty()) {
            throw Problems.validation(unknown);
        }
    }

    private McpSchema.CallToolResult answer(Object body) {
        Map<String, Object> structured = answers.convertValue(body, OBJECT);
        return McpSchema.CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(text(structured))
                .isError(false)
                .build();
    }

    private McpSchema.CallToolResult problem(ProblemDetail problem) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(text(json.convertValue(problem, OBJECT)))
                .isError(true)
                .build();
    }

    private String text(Map<String, Object> body) {
        try {
            return answers.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer that is not JSON", e);
        }
    }

    private McpSchema.Tool definition(String name) {
        try (InputStream definition = ToolCalls.class.getResourceAsStream("/mcp/tools/" + name + ".json")) {
            if (definition == null) {
                throw new IllegalStateException("mcp/tools/" + name + ".json is not on the classpath");
            }
            McpSchema.Tool tool = json.readValue(definition, McpSchema.Tool.class);
            if (!name.equals(tool.name()) || tool.inputSchema() == null || tool.inputSchema().properties() == null) {
                throw new IllegalStateException("mcp/tools/" + name + ".json must name the tool " + name
                        + " and give its input schema's properties");
            }
            return tool;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
