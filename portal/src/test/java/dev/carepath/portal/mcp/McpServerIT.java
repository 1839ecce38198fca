package dev.carepath.portal.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.portal.PlatformIntegrationSupport;
import dev.carepath.portal.RunningPlatform;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP server as an agent uses it: the MCP Java SDK's client over streamable HTTP ({@code /mcp}) with a bearer
 * token of a tenant's machine client, against this test's portal with the real platform around it
 * ({@link RunningPlatform}: the partner simulator, the engine, the job-workers as processes of their own, shared with
 * the other {@link PlatformIntegrationSupport} ITs).
 * <ul>
 *   <li>The tools are listed with their schemas; a journey started with its intake through {@code start_journey}
 *       buys two cycles and runs to COMPLETED after the second, followed through {@code get_journey} alone; a repeat with the same key is the same
 *       journey; {@code list_journeys} finds it by patient reference; {@code get_prescription} reads its
 *       prescription and the audit store records the read with the client id and the purpose;
 *       {@code check_eligibility} answers from the eligibility table in force.</li>
 *   <li>{@code cancel_journey} stops another journey (CANCELLED, followed through {@code get_journey}).</li>
 *   <li>A token of tenant A sees nothing of tenant B's journey through any tool, and changes nothing of it.</li>
 *   <li>A tool the token has no scope for is a tool error {@code insufficient-scope}, nothing done; no token is a
 *       401 problem before any MCP exchange.</li>
 * </ul>
 */
class McpServerIT extends PlatformIntegrationSupport {

    private static final Duration JOURNEY = Duration.ofMinutes(3);
    private static final List<String> ALL_SCOPES = List.of("journeys:write", "journeys:read", "phi:read");

    private final List<McpSyncClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    @Test
    void anAgentStartsFollowsListsAndReadsAJourneyThroughTheToolsAlone() {
        String tenant = newTenant();
        Client agent = provisionedClient(tenant, ALL_SCOPES);
        McpSyncClient mcp = connect(token(agent));

        assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                "start_journey", "get_journey", "list_journeys", "cancel_journey", "get_prescription",
                "check_eligibility");
        assertThat(mcp.listTools().tools()).allSatisfy(tool -> {
            assertThat(tool.description()).hasSizeGreaterThan(200).contains("Needs the scope");
            assertThat(tool.inputSchema().properties()).isNotEmpty();
            assertThat(tool.outputSchema()).isNotEmpty();
        });

        String patient = "pat-mcp-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "mcp-" + UUID.randomUUID();
        Map<String, Object> chosenChannels = intake("95");
        chosenChannels.put("phone", "+15125550187");
        chosenChannels.put("pushToken", "mcp-device-7f3a9c2e1b4d8866");
        chosenChannels.put("channels", List.of("email", "sms", "push"));
        Map<String, Object> start = startArguments(key, patient, chosenChannels);
        start.put("cycles", 2);
        JsonNode started = answer(mcp, "start_journey", start);
        String journeyId = started.path("journeyId").asText();
        assertThat(started.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(started.path("replayed").asBoolean()).isFalse();
        assertThat(started.path("intake").asText()).isEqualTo("STORED");
        JsonNode again = answer(mcp, "start_journey", start);
        assertThat(again.path("journeyId").asText()).as("the same key: the same journey").isEqualTo(journeyId);
        assertThat(again.path("replayed").asBoolean()).isTrue();
        assertThat(count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenant)).isEqualTo(1);

        // As the server's instructions say: poll until COMPLETED, which is the end of both cycles bought (between
        // them the journey is CYCLE_COMPLETED, then the refill's own statuses).
        JsonNode completed = await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(1))
                .until(() -> answer(mcp, "get_journey", Map.of("journeyId", journeyId)),
                        journey -> journey.path("status").asText().equals("COMPLETED"));
        assertThat(completed.path("cycle").asInt()).isEqualTo(2);
        assertThat(completed.path("timeline").findValuesAsText("type")).filteredOn("journey.completed"::equals)
                .hasSize(2);
        assertThat(completed.path("timeline").findValuesAsText("type"))
                .contains("order.created", "payment.captured", "visit.completed", "rx.recorded", "shipment.delivered");
        assertThat(completed.toString()).doesNotContain("Elm Street").doesNotContain(patient);

        JsonNode listed = answer(mcp, "list_journeys", Map.of("patientReference", patient, "limit", 5));
        assertThat(listed.path("items").findValuesAsText("journeyId")).containsExactly(journeyId);
        assertThat(listed.has("nextCursor")).as("no next page").isFalse();
        assertThat(answer(mcp, "list_journeys", Map.of("status", "COMPLETED")).path("items")
                .findValuesAsText("journeyId")).contains(journeyId);

        JsonNode rx = answer(mcp, "get_prescription", Map.of("journeyId", journeyId, "purpose", "treatment"));
        assertThat(rx.path("journeyId").asText()).isEqualTo(journeyId);
        assertThat(rx.path("medication").asText()).isNotBlank();
        assertThat(rx.path("directions").asText()).containsIgnoringCase("subcutaneously");
        List<JsonNode> audited = await().atMost(EVENTUALLY).until(
                () -> auditedReads(tenant, agent.clientId()), reads -> !reads.isEmpty());
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).path("subject").asText()).isEqualTo(journeyId);
        assertThat(audited.get(0).path("data").path("purpose").asText()).isEqualTo("treatment");
        assertThat(audited.get(0).path("data").path("recordId").asText()).isEqualTo(rx.path("rxId").asText());

        JsonNode eligible = answer(mcp, "check_eligibility", Map.of("therapy", "semaglutide", "stateCode", "TX",
                "age", 41, "heightCm", 170, "weightKg", 95, "comorbidities", List.of(), "contraindications", List.of()));
        assertThat(eligible.path("outcome").asText()).isEqualTo("eligible");
        assertThat(eligible.path("bmi").asDouble()).isEqualTo(32.9);
        assertThat(eligible.path("entitled").asBoolean()).isTrue();
        assertThat(eligible.path("decision").path("key").asText()).isEqualTo("eligibility");
        assertThat(eligible.path("matchedRules")).isNotEmpty();
        JsonNode pregnant = answer(mcp, "check_eligibility", Map.of("therapy", "semaglutide", "stateCode", "TX",
                "age", 30, "bmi", 34.0, "contraindications", List.of("pregnancy")));
        assertThat(pregnant.path("outcome").asText()).isEqualTo("ineligible");
        assertThat(pregnant.path("reasonCode").asText()).isEqualTo("PREGNANCY");
        assertThat(answer(mcp, "check_eligibility", Map.of("therapy", "semaglutide", "stateCode", "LA", "age", 50,
                "bmi", 35.0)).path("outcome").asText()).isEqualTo("not-offered-in-state");
        problem(mcp, "check_eligibility", Map.of("therapy", "semaglutide", "stateCode", "ZZ", "age", 50),
                400, "validation");
        assertThat(count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenant))
                .as("a what-if starts nothing").isEqualTo(1);
    }

    @Test
    void anAgentCancelsAJourneyAndFollowsItToCancelled() {
        String tenant = newTenant();
        McpSyncClient mcp = connect(token(provisionedClient(tenant, ALL_SCOPES)));
        String journeyId = answer(mcp, "start_journey", startArguments("mcp-" + UUID.randomUUID(),
                "pat-cancel", intake("95"))).path("journeyId").asText();
        // The pharmacy never fills it: the journey waits before shipment, where a cancel unwinds the cycle.
        platform.scriptPartners(journeyId, "{\"holdDispense\": true}");
        await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(1)).until(() -> answer(mcp, "get_journey",
                Map.of("journeyId", journeyId)).path("timeline").findValuesAsText("type").contains("rx.submitted"));

        JsonNode cancelled = answer(mcp, "cancel_journey", Map.of("journeyId", journeyId));
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCEL_REQUESTED");
        assertThat(cancelled.path("replayed").asBoolean()).isFalse();
        assertThat(answer(mcp, "cancel_journey", Map.of("journeyId", journeyId)).path("replayed").asBoolean())
                .as("asked again: the same answer").isTrue();

        await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(1)).until(() -> answer(mcp, "get_journey",
                Map.of("journeyId", journeyId)).path("status").asText().equals("CANCELLED"));
        assertThat(count("SELECT count(*) FROM orders.cancellation_request WHERE order_id = ?::uuid", journeyId))
                .isEqualTo(1);
    }

    @Test
    void aTokenOfTenantASeesNothingOfTenantBsJourneyThroughAnyTool() {
        String tenantA = newTenant();
        String tenantB = newTenant();
        McpSyncClient asB = connect(token(provisionedClient(tenantB, ALL_SCOPES)));
        String patientOfB = "pat-b-" + UUID.randomUUID().toString().substring(0, 8);
        String journeyOfB = answer(asB, "start_journey", startArguments("mcp-" + UUID.randomUUID(), patientOfB,
                intake("95"))).path("journeyId").asText();
        McpSyncClient asA = connect(token(provisionedClient(tenantA, ALL_SCOPES)));

        problem(asA, "get_journey", Map.of("journeyId", journeyOfB), 404, "not-found");
        problem(asA, "cancel_journey", Map.of("journeyId", journeyOfB), 404, "not-found");
        problem(asA, "get_prescription", Map.of("journeyId", journeyOfB, "purpose", "treatment"), 404, "not-found");
        assertThat(answer(asA, "list_journeys", Map.of()).path("items")).isEmpty();
        assertThat(answer(asA, "list_journeys", Map.of("patientReference", patientOfB)).path("items")).isEmpty();

        assertThat(count("SELECT count(*) FROM orders.cancellation_request WHERE order_id = ?::uuid", journeyOfB))
                .as("A's cancel changed nothing of B's journey").isZero();
        assertThat(answer(asB, "get_journey", Map.of("journeyId", journeyOfB)).path("journeyId").asText())
                .isEqualTo(journeyOfB);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(answer(asB, "list_journeys", Map.of())
                .path("items").findValuesAsText("journeyId")).as("B lists it").containsExactly(journeyOfB));
        assertThat(answer(asA, "list_journeys", Map.of()).path("items")).as("A still lists nothing").isEmpty();
    }

    @Test
    void aToolTheTokenHasNoScopeForIsRefusedAndDoesNothing() {
        String tenant = newTenant();
        McpSyncClient reader = connect(token(provisionedClient(tenant, List.of("journeys:read"))));

        problem(reader, "start_journey", startArguments("mcp-" + UUID.randomUUID(), "pat-scope", intake("95")),
                403, "insufficient-scope");
        problem(reader, "cancel_journey", Map.of("journeyId", UUID.randomUUID().toString()), 403,
                "insufficient-scope");
        problem(reader, "get_prescription", Map.of("journeyId", UUID.randomUUID().toString(), "purpose", "treatment"),
                403, "insufficient-scope");
        assertThat(count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenant)).isZero();
        assertThat(answer(reader, "list_journeys", Map.of()).path("items")).as("reading is allowed").isEmpty();

        McpSyncClient writer = connect(token(provisionedClient(tenant, List.of("journeys:write"))));
        problem(writer, "get_journey", Map.of("journeyId", UUID.randomUUID().toString()), 403, "insufficient-scope");
        problem(writer, "check_eligibility", Map.of("therapy", "semaglutide", "stateCode", "TX", "age", 40,
                "bmi", 31.0), 403, "insufficient-scope");
    }

    @Test
    void invalidArgumentsAreTheRestApisProblemsAndStartNothing() {
        String tenant = newTenant();
        McpSyncClient mcp = connect(token(provisionedClient(tenant, ALL_SCOPES)));

        Map<String, Object> badIntake = startArguments("mcp-" + UUID.randomUUID(), "pat-bad", intake("9000"));
        JsonNode invalid = problem(mcp, "start_journey", badIntake, 400, "validation");
        assertThat(invalid.path("errors").findValuesAsText("field")).containsExactly("intake.weightKg");
        assertThat(invalid.toString()).doesNotContain("9000");
        Map<String, Object> unknownTherapy = startArguments("mcp-" + UUID.randomUUID(), "pat-bad", intake("95"));
        unknownTherapy.put("therapy", "aspirin");
        assertThat(problem(mcp, "start_journey", unknownTherapy, 400, "validation").path("errors")
                .findValuesAsText("field")).containsExactly("therapy");
        Map<String, Object> smsWithoutPhone = intake("95");
        smsWithoutPhone.put("channels", List.of("email", "sms"));
        assertThat(problem(mcp, "start_journey", startArguments("mcp-" + UUID.randomUUID(), "pat-bad", smsWithoutPhone),
                400, "validation").path("errors").findValuesAsText("field")).containsExactly("intake.phone");
        Map<String, Object> noIntake = startArguments("mcp-" + UUID.randomUUID(), "pat-bad", intake("95"));
        noIntake.remove("intake");
        assertThat(problem(mcp, "start_journey", noIntake, 400, "validation").path("errors")
                .findValuesAsText("field")).containsExactly("intake");
        problem(mcp, "get_journey", Map.of("journeyId", "not-a-journey"), 404, "not-found");
        problem(mcp, "get_journey", Map.of("journeyId", UUID.randomUUID().toString(), "tenantId", "other"), 400,
                "validation");
        problem(mcp, "get_prescription", Map.of("journeyId", UUID.randomUUID().toString(), "purpose", "curiosity"),
                400, "validation");
        problem(mcp, "list_journeys", Map.of("createdAfter", "yesterday"), 400, "validation");
        assertThat(count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenant)).isZero();
    }

    @Test
    void noTokenIsA401ProblemBeforeAnyMcpExchange() {
        Response refused = send401Probe();
        refused.assertProblem(401, "unauthorized");

        McpSyncClient anonymous = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                        .endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(20)).build();
        clients.add(anonymous);
        assertThatThrownBy(anonymous::initialize).as("the SDK client cannot even initialize").isNotNull();
    }

    private Response send401Probe() {
        return post("/mcp", Map.of("Accept", "application/json, text/event-stream"), """
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
                 "capabilities": {}, "clientInfo": {"name": "it", "version": "1"}}}""");
    }

    /** An initialized MCP client sending {@code token} with every request. */
    private McpSyncClient connect(String token) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                        .endpoint("/mcp")
                        .customizeRequest(request -> request.header("Authorization", "Bearer " + token))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    /** The tool's answer (its structured content), asserting it is not a tool error. */
    private JsonNode answer(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s: %s", tool, result.content()).isNotEqualTo(Boolean.TRUE);
        JsonNode structured = json.valueToTree(result.structuredContent());
        assertThat(readJson(text(result))).as("the text is the structured content").isEqualTo(structured);
        return structured;
    }

    /** The problem of a tool error: the REST API's problem type and status. */
    private JsonNode problem(McpSyncClient client, String tool, Map<String, Object> arguments, int status,
            String type) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as("%s answered %s", tool, result.content()).isTrue();
        JsonNode problem = readJson(text(result));
        assertThat(problem.path("type").asText()).as(problem.toString())
                .isEqualTo("https://carepath.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    private static String text(McpSchema.CallToolResult result) {
        assertThat(result.content()).hasSize(1).first().isInstanceOf(McpSchema.TextContent.class);
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Map<String, Object> startArguments(String key, String patient, Map<String, Object> intake) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("idempotencyKey", key);
        arguments.put("patientReference", patient);
        arguments.put("therapy", "semaglutide");
        arguments.put("stateCode", "TX");
        arguments.put("paymentToken", "tok_visa_4242");
        arguments.put("intake", intake);
        return arguments;
    }

    /** An adult's intake; {@code weightKg} as JSON text, so a test can make it implausible. */
    private Map<String, Object> intake(String weightKg) {
        return json.convertValue(readJson("""
                {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02",
                 "address": "12 Elm Street, Austin TX 78701", "email": "ada.quill@example.com",
                 "heightCm": 170, "weightKg": %s, "comorbidities": [], "contraindications": []}"""
                .formatted(weightKg)), new TypeReference<HashMap<String, Object>>() {
                });
    }

    /** The tenant's {@code clinical.phi-accessed} records in the audit store whose accessor is {@code clientId}. */
    private List<JsonNode> auditedReads(String tenant, String clientId) {
        return jdbc.queryForList("SELECT envelope FROM audit.audit_event WHERE tenant_id = ?"
                        + " AND event_type = 'clinical.phi-accessed' ORDER BY chain_seq", String.class, tenant).stream()
                .map(this::readJson)
                .filter(event -> event.path("data").path("accessor").asText().equals(clientId))
                .toList();
    }
}
