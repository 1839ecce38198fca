package dev.carepath.portal.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Editing decision tables without a redeploy, against the real engine application running as its own process: a
 * changed routing table deployed through the portal routes the next journey, a table that breaks its golden cases
 * is refused and the version in force stays, and bad uploads change nothing.
 *
 * <p>The staff console's decision pages ({@link DecisionPages}, MockMvc with the console's security chain, as a
 * signed-in person) on the same engine: every table readable with its annotations and a what-if; an upload shows its
 * golden-case report and rule changes before anything is in force, deploys only then, and shows in the history with
 * who and when; a roll back deploys the earlier file again as a new version, recorded with the version it restored;
 * other roles get the 403 page and a change without the CSRF token changes nothing.
 */
class DecisionDeploymentIT extends PortalIntegrationSupport {

    private static final Map<String, String> XML = Map.of("Content-Type", "application/xml");
    private static final Duration JOURNEY_STEP = Duration.ofSeconds(60);

    /** The shipped provider-routing table's Meridian Health states for GLP-1, as the anchor of an edit. */
    private static final String MERIDIAN_STATES = "\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\"</text></inputEntry>\n"
            + "        <inputEntry id=\"InputEntry_MeridianTherapies\">";

    /** Who deploys in these tests: the platform staff client whose token staffPost sends. */
    @Value("${carepath.security.platform-client.id}")
    String staffClient;

    private static RunningEngine engine;

    @Autowired
    private WebApplicationContext context;

    @BeforeAll
    static void startEngine() throws IOException {
        engine = RunningEngine.start();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @DynamicPropertySource
    static void engineUrl(DynamicPropertyRegistry registry) {
        registry.add("carepath.decisions.engine-url", () -> engine.restUrl());
    }

    @Test
    void aChangedRoutingTableRoutesTheNextJourneyToTheNewPartnerWithoutARestart() {
        deployAccepted(shipped("provider-routing"));
        assertThat(whatIf("provider-routing", "NV").path("results").get(0).path("providerNetwork").asText())
                .isEqualTo("bluepeak-clinicians");
        assertThat(routedProviderNetwork(startJourneyIn("NV"))).isEqualTo("bluepeak-clinicians");

        JsonNode deployed = deployAccepted(meridianLicensedInNevada());
        try {
            JsonNode answer = whatIf("provider-routing", "NV");
            assertThat(answer.path("version").asInt()).isEqualTo(deployed.path("version").asInt());
            assertThat(answer.path("results").get(0).path("providerNetwork").asText()).isEqualTo("meridian-health");
            assertThat(answer.path("matchedRules").get(0).path("id").asText()).isEqualTo("Rule_MeridianLicensedStates");
            assertThat(answer.path("matchedRules").get(0).path("annotation").asText()).startsWith("Meridian Health");

            assertThat(routedProviderNetwork(startJourneyIn("NV"))).as("the next journey, no restart")
                    .isEqualTo("meridian-health");
        } finally {
            deployAccepted(shipped("provider-routing"));
        }
    }

    @Test
    void anEngineRestartKeepsTheEditInForce() throws IOException {
        int version = deployAccepted(meridianLicensedInNevada()).path("version").asInt();
        try {
            engine = engine.restart();

            JsonNode answer = whatIf("provider-routing", "NV");
            assertThat(answer.path("version").asInt()).as("version in force after the restart").isEqualTo(version);
            assertThat(answer.path("results").get(0).path("providerNetwork").asText()).isEqualTo("meridian-health");
        } finally {
            deployAccepted(shipped("provider-routing"));
        }
    }

    @Test
    void aTableThatBreaksItsGoldenCasesIsRefusedAndTheVersionInForceStays() {
        JsonNode inForce = deployAccepted(shipped("provider-routing"));
        long recorded = count("SELECT count(*) FROM decisions.decision_deployment");
        long events = count("SELECT count(*) FROM decisions.outbox");
        // Texas dropped from Meridian Health's states: golden case "TX,semaglutide,meridian-health" fails.
        String broken = shipped("provider-routing").replace("\"CA\",\"TX\",\"FL\",\"NY\",\"IL\",\"WA\",\"CO\",\"GA\","
                + "\"PA\",\"OH\",\"NC\",\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\"</text></inputEntry>\n"
                + "        <inputEntry id=\"InputEntry_MeridianTherapies\">", "\"CA\",\"FL\",\"NY\",\"IL\",\"WA\","
                + "\"CO\",\"GA\",\"PA\",\"OH\",\"NC\",\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\"</text></inputEntry>\n"
                + "        <inputEntry id=\"InputEntry_MeridianTherapies\">");
        assertThat(broken).isNotEqualTo(shipped("provider-routing"));

        Response refused = staffPost("/v1/admin/decisions/provider-routing", XML, broken)
                .assertProblem(422, "golden-cases-failed");

        JsonNode failures = refused.json().path("failures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("line").asInt()).isEqualTo(3);
        assertThat(failures.get(0).path("inputs").path("stateCode").asText()).isEqualTo("TX");
        assertThat(failures.get(0).path("expected").path("providerNetwork").asText()).isEqualTo("meridian-health");
        assertThat(failures.get(0).path("actual").get(0).path("providerNetwork").asText())
                .isEqualTo("bluepeak-clinicians");
        assertThat(refused.json().path("goldenCasesRun").asInt()).isGreaterThanOrEqualTo(30);

        JsonNode latest = whatIf("provider-routing", "TX");
        assertThat(latest.path("version").asInt()).isEqualTo(inForce.path("version").asInt());
        assertThat(latest.path("results").get(0).path("providerNetwork").asText()).isEqualTo("meridian-health");
        assertThat(count("SELECT count(*) FROM decisions.decision_deployment")).isEqualTo(recorded);
        assertThat(count("SELECT count(*) FROM decisions.outbox")).isEqualTo(events);
    }

    @Test
    void everyAcceptedVersionIsRecordedWithItsDecisionDeployedEvent() {
        JsonNode deployed = deployAccepted(shipped("pharmacy-routing"));

        assertThat(deployed.path("deployedBy").asText()).isEqualTo(staffClient);
        assertThat(deployed.path("checksum").asText()).matches("[0-9a-f]{64}");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT envelope::text FROM decisions.outbox WHERE aggregate_id = 'pharmacy-routing'"
                        + " AND envelope->'data'->>'version' = ? AND published_at IS NOT NULL", String.class,
                deployed.path("version").asText())).hasSize(1));
        JsonNode event = readJson(jdbc.queryForObject("SELECT envelope::text FROM decisions.outbox"
                + " WHERE aggregate_id = 'pharmacy-routing' AND envelope->'data'->>'version' = ?", String.class,
                deployed.path("version").asText()));
        assertThat(event.path("type").asText()).isEqualTo(EventTypes.DECISION_DEPLOYED);
        assertThat(event.path("data").path("checksum").asText()).isEqualTo(deployed.path("checksum").asText());
        assertThat(event.path("data").path("deployedBy").asText()).isEqualTo(staffClient);
        assertThat(event.path("data").path("decisionKey").asText()).isEqualTo("pharmacy-routing");
        assertThat(count("SELECT count(*) FROM decisions.decision_deployment WHERE decision_key = 'pharmacy-routing'"
                + " AND version = ? AND checksum = ?", deployed.path("version").asInt(),
                deployed.path("checksum").asText())).isEqualTo(1);
    }

    @Test
    void badUploadsAreProblemsAndChangeNothing() {
        int before = whatIf("titration", Map.of("therapy", "semaglutide", "currentDoseStep", 1, "tolerated", true))
                .path("version").asInt();
        String titration = shipped("titration");

        staffPost("/v1/admin/decisions/titration", XML, "not a table").assertProblem(400, "malformed-request");
        staffPost("/v1/admin/decisions/titration", XML, shipped("eligibility")).assertProblem(422, "decision-invalid");
        Response missingInput = staffPost("/v1/admin/decisions/titration", XML,
                titration.replace("<text>tolerated</text>", "<text>wellTolerated</text>"))
                .assertProblem(422, "decision-invalid");
        assertThat(missingInput.json().path("errors").toString()).contains("missing input 'tolerated'");
        staffPost("/v1/admin/decisions/no-such-table", XML, titration).assertProblem(404, "not-found");
        assertThat(staffPost("/v1/admin/decisions/titration", Map.of("Content-Type", "application/json"), "{}")
                .status()).isEqualTo(415);

        staffPost("/v1/admin/decisions/titration/evaluations", Map.of(), "{\"therapy\":\"semaglutide\",\"dose\":1}")
                .assertProblem(400, "validation");
        staffPost("/v1/admin/decisions/titration/evaluations", Map.of(), "{\"currentDoseStep\":\"two\"}")
                .assertProblem(400, "validation");

        assertThat(whatIf("titration", Map.of("therapy", "semaglutide", "currentDoseStep", 1, "tolerated", true))
                .path("version").asInt()).isEqualTo(before);
    }

    // ---- the staff console's decision pages

    @Test
    void theDecisionPagesShowEveryTableWithItsRuleAnnotationsAndAWhatIf() throws Exception {
        deployAccepted(shipped("provider-routing"));
        MockMvc mvc = console();

        String index = page(mvc.perform(MockMvcRequestBuilders.get("/console/decisions").with(clinicalOps())), 200);
        for (String key : DecisionTables.KEYS) {
            assertThat(index).contains("href=\"/console/decisions/" + key + "\"");
        }

        String table = page(mvc.perform(MockMvcRequestBuilders.get("/console/decisions/provider-routing")
                .with(clinicalOps())), 200);
        assertThat(table).contains("<title>Provider routing decision table · carepath console</title>",
                "data-rule-id=\"Rule_MeridianLicensedStates\"", "Meridian Health",
                "<label for=\"in-stateCode\">", "<label for=\"dmn-file\">");

        String answer = page(mvc.perform(MockMvcRequestBuilders.post("/console/decisions/provider-routing/what-if")
                .with(clinicalOps()).with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("in.stateCode", "NV").param("in.therapy", "semaglutide")), 200);
        assertThat(answer).contains("id=\"what-if-answer\"", "bluepeak-clinicians");
        String matched = whatIf("provider-routing", "NV").path("matchedRules").get(0).path("id").asText();
        assertThat(answer).contains("data-rule-id=\"" + matched + "\" class=\"matched\"");

        String invalid = page(mvc.perform(MockMvcRequestBuilders.post("/console/decisions/titration/what-if")
                .with(clinicalOps()).with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("in.currentDoseStep", "two")), 200);
        assertThat(invalid).contains("currentDoseStep: must be of type integer").doesNotContain("what-if-answer");
    }

    @Test
    void anUploadShowsItsGoldenCaseReportBeforeItIsInForceAndARollBackRestoresTheEarlierFile() throws Exception {
        int shippedVersion = deployAccepted(shipped("provider-routing")).path("version").asInt();
        MockMvc mvc = console();
        long recorded = count("SELECT count(*) FROM decisions.decision_deployment");

        // Texas dropped from Meridian Health's states: the report names the failing golden case; nothing deployed.
        String refused = page(mvc.perform(upload(withoutTexas())), 200);
        assertThat(refused).contains("id=\"golden-failures\"", "stateCode=TX", "providerNetwork=meridian-health",
                "providerNetwork=bluepeak-clinicians").doesNotContain("Deploy as the new version");
        assertThat(whatIf("provider-routing", "TX").path("version").asInt()).isEqualTo(shippedVersion);
        assertThat(count("SELECT count(*) FROM decisions.decision_deployment")).isEqualTo(recorded);

        // Nevada added instead: every golden case passes, the change is shown rule by rule, still nothing deployed.
        String passed = page(mvc.perform(upload(meridianLicensedInNevada())), 200);
        assertThat(passed).contains("golden cases pass", "data-rule-id=\"Rule_MeridianLicensedStates\"",
                "changed: after", "Deploy as the new version");
        assertThat(whatIf("provider-routing", "NV").path("version").asInt()).isEqualTo(shippedVersion);

        MvcResult deployed = mvc.perform(MockMvcRequestBuilders.post("/console/decisions/provider-routing/deploy")
                .with(clinicalOps()).with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("xml", meridianLicensedInNevada())).andReturn();
        assertThat(deployed.getResponse().getStatus()).isEqualTo(302);
        assertThat(deployed.getResponse().getRedirectedUrl()).isEqualTo("/console/decisions/provider-routing");
        int edited = shippedVersion + 1;
        try {
            JsonNode nevada = whatIf("provider-routing", "NV");
            assertThat(nevada.path("version").asInt()).isEqualTo(edited);
            assertThat(nevada.path("results").get(0).path("providerNetwork").asText()).isEqualTo("meridian-health");
            assertThat(jdbc.queryForObject("SELECT deployed_by FROM decisions.decision_deployment"
                    + " WHERE decision_key = 'provider-routing' AND version = ?", String.class, edited))
                    .isEqualTo("clinical-ops");

            String history = page(mvc.perform(MockMvcRequestBuilders.get("/console/decisions/provider-routing/history")
                    .with(clinicalOps())), 200);
            assertThat(history).contains("data-version=\"" + edited + "\"", "clinical-ops", "in force",
                    "Roll back to version " + shippedVersion);
            String diff = page(mvc.perform(MockMvcRequestBuilders.get("/console/decisions/provider-routing/diff")
                    .with(clinicalOps()).param("from", String.valueOf(shippedVersion))
                    .param("to", String.valueOf(edited))), 200);
            assertThat(diff).contains("0</span> rule(s) added", "1</span> changed", "changed: before",
                    "&quot;MI&quot;,&quot;NV&quot;"); // the page escapes the FEEL text

            MvcResult rolledBack = mvc.perform(MockMvcRequestBuilders.post("/console/decisions/provider-routing/versions/"
                    + shippedVersion + "/roll-back").with(clinicalOps())
                    .with(SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
            assertThat(rolledBack.getResponse().getStatus()).isEqualTo(302);
            int restored = edited + 1;
            JsonNode back = whatIf("provider-routing", "NV");
            assertThat(back.path("version").asInt()).isEqualTo(restored);
            assertThat(back.path("results").get(0).path("providerNetwork").asText()).isEqualTo("bluepeak-clinicians");
            assertThat(jdbc.queryForObject("SELECT restored_from_version FROM decisions.decision_deployment"
                    + " WHERE decision_key = 'provider-routing' AND version = ?", Integer.class, restored))
                    .isEqualTo(shippedVersion);
            await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "SELECT envelope->'data'->>'restoredFromVersion' FROM decisions.outbox"
                            + " WHERE aggregate_id = 'provider-routing' AND envelope->'data'->>'version' = ?",
                    String.class, String.valueOf(restored))).containsExactly(String.valueOf(shippedVersion)));
        } finally {
            deployAccepted(shipped("provider-routing"));
        }
    }

    @Test
    void otherRolesGetThe403PageAndAChangeWithoutTheCsrfTokenChangesNothing() throws Exception {
        int inForce = deployAccepted(shipped("provider-routing")).path("version").asInt();
        MockMvc mvc = console();

        MvcResult careOps = mvc.perform(MockMvcRequestBuilders.get("/console/decisions/provider-routing")
                .with(SecurityMockMvcRequestPostProcessors.user("care-ops").roles("care-ops"))).andReturn();
        assertThat(careOps.getResponse().getStatus()).isEqualTo(403);
        assertThat(careOps.getResponse().getForwardedUrl()).isEqualTo("/console/forbidden");

        // A session that has seen the page (its CSRF token is in the session), then a form sent without the token.
        MockHttpSession session = new MockHttpSession();
        page(mvc.perform(MockMvcRequestBuilders.get("/console/decisions/provider-routing/history").session(session)
                .with(clinicalOps())), 200);
        MvcResult noToken = mvc.perform(MockMvcRequestBuilders.post("/console/decisions/provider-routing/deploy")
                .session(session).with(clinicalOps()).param("xml", meridianLicensedInNevada())).andReturn();
        assertThat(noToken.getResponse().getStatus()).isEqualTo(403);
        MvcResult noRollBack = mvc.perform(MockMvcRequestBuilders.post("/console/decisions/provider-routing/versions/"
                + inForce + "/roll-back").session(session).with(clinicalOps())).andReturn();
        assertThat(noRollBack.getResponse().getStatus()).isEqualTo(403);
        assertThat(whatIf("provider-routing", "NV").path("version").asInt()).isEqualTo(inForce);

        page(mvc.perform(MockMvcRequestBuilders.get("/console/decisions/no-such-table").with(clinicalOps())), 404);
    }

    private MockMvc console() {
        return MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private static RequestPostProcessor clinicalOps() {
        return SecurityMockMvcRequestPostProcessors.user("clinical-ops").roles("clinical-ops");
    }

    /** The console's upload form: the file checked against the golden cases (not deployed). */
    private static MockMultipartHttpServletRequestBuilder upload(String xml) {
        MockMultipartHttpServletRequestBuilder upload = MockMvcRequestBuilders
                .multipart("/console/decisions/provider-routing/check")
                .file(new MockMultipartFile("file", "provider-routing.dmn", "application/xml",
                        xml.getBytes(StandardCharsets.UTF_8)));
        upload.with(clinicalOps()).with(SecurityMockMvcRequestPostProcessors.csrf());
        return upload;
    }

    /** The page's HTML, after checking its status. */
    private static String page(ResultActions result, int status) throws Exception {
        MvcResult answer = result.andReturn();
        assertThat(answer.getResponse().getStatus()).as(answer.getResponse().getContentAsString())
                .isEqualTo(status);
        return answer.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Texas dropped from Meridian Health's states: golden case "TX,semaglutide,meridian-health" fails. */
    private static String withoutTexas() {
        String broken = shipped("provider-routing").replace("\"CA\",\"TX\",\"FL\",", "\"CA\",\"FL\",");
        assertThat(broken).isNotEqualTo(shipped("provider-routing"));
        return broken;
    }

    private JsonNode deployAccepted(String xml) {
        Response response = staffPost("/v1/admin/decisions/" + keyOf(xml), XML, xml);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode whatIf(String key, String state) {
        return whatIf(key, Map.of("stateCode", state, "therapy", "semaglutide"));
    }

    private JsonNode whatIf(String key, Map<String, Object> inputs) {
        Response response = staffPost("/v1/admin/decisions/" + key + "/evaluations", Map.of(), write(inputs));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private UUID startJourneyIn(String state) {
        Response response = post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                journeyBody(newTenant(), "pat-" + UUID.randomUUID().toString().substring(0, 8), "semaglutide", state,
                        "tok_visa_4242"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return UUID.fromString(response.json().path("journeyId").asText());
    }

    /**
     * Walks the journey as the workers would, through the engine REST API: completes its eligibility evaluation
     * (eligible) and its charge, then reads the provider network the business rule task chose from the visit task
     * it leads to.
     */
    private String routedProviderNetwork(UUID journeyId) {
        complete(lockTask(journeyId, "evaluate-eligibility"),
                "{\"eligibilityOutcome\":{\"value\":\"eligible\"},\"eligibilityReason\":{\"value\":\"ELIGIBLE\"}}");
        complete(lockTask(journeyId, "charge-payment"),
                "{\"chargeId\":{\"value\":\"ch_it\"},\"processor\":{\"value\":\"northpay\"}}");
        return lockTask(journeyId, "schedule-visit").path("variables").path("providerNetwork").path("value").asText();
    }

    private void complete(JsonNode task, String variables) {
        HttpResponse<String> completed = engine.asWorkers("POST", "/external-task/" + task.path("id").asText()
                + "/complete", "{\"workerId\":\"it-worker\",\"variables\":" + variables + "}");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    private JsonNode lockTask(UUID journeyId, String topic) {
        String fetch = """
                {"workerId": "it-worker", "maxTasks": 1, "topics": [{"topicName": "%s", "lockDuration": 60000,
                 "businessKey": "%s", "variables": ["providerNetwork"]}]}""".formatted(topic, journeyId);
        return await().atMost(JOURNEY_STEP).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> locked = engine.asWorkers("POST", "/external-task/fetchAndLock", fetch);
            assertThat(locked.statusCode()).as(locked.body()).isEqualTo(200);
            JsonNode tasks = readJson(locked.body());
            return tasks.isEmpty() ? null : tasks.get(0);
        }, task -> task != null);
    }

    /** Meridian Health is now licensed in Nevada too: no golden case names NV, so every row still passes. */
    private static String meridianLicensedInNevada() {
        String edited = shipped("provider-routing").replace(MERIDIAN_STATES,
                MERIDIAN_STATES.replace("\"MI\"", "\"MI\",\"NV\""));
        assertThat(edited).isNotEqualTo(shipped("provider-routing"));
        return edited;
    }

    private static String keyOf(String xml) {
        for (String key : DecisionTables.KEYS) {
            if (xml.contains("<decision id=\"" + key + "\"")) {
                return key;
            }
        }
        throw new IllegalArgumentException("not a shipped decision");
    }

    private static String shipped(String key) {
        return DecisionTables.shipped(key).orElseThrow().xmlText();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
