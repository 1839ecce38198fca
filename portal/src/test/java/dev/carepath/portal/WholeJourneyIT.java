package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.eventing.testing.PhiScan;
import dev.carepath.portal.console.StaffBrowser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Whole journeys the way they run in production: this test's portal takes the agent's requests and the partners'
 * signed webhooks, and the rest of the platform runs around it as processes of their own from their jars
 * ({@link RunningPlatform}: the partner simulator, the engine and the job-workers), shared with the other
 * {@link PlatformIntegrationSupport} ITs.
 * Partners act within a second, and one week of the titration schedule lasts one second, so a journey runs its
 * cycles in seconds; a test that needs a partner to hold still scripts it for its order (the simulator's sandbox
 * scenarios).
 * <ul>
 *   <li>An agent with {@code phi:read} reads the prescription the real {@code record-rx} worker recorded after the
 *       visit: answered with {@code Cache-Control: no-store}, in the audit store as {@code clinical.phi-accessed}
 *       with the agent's client id and the purpose; the intake, judged by then, can no longer be replaced; the
 *       portal's log shows none of it.</li>
 *   <li>After two whole cycles of a patient whose intake is full of sentinel values (a made-up name, birth date,
 *       street, e-mail, height and weight), no sentinel is in any text, JSON or byte column of the engine's tables,
 *       runtime or history; in any message published on the event exchange during the run (captured by a queue of
 *       the test bound to every routing key), body or headers; in the logs of the engine, the job-workers or the
 *       portal; and the clinical store holds the intake and the prescriptions as Tink ciphertext, no sentinel in
 *       any of its columns. So that the scan cannot pass by looking at nothing, it also shows that the places it
 *       searched hold this journey's data, and that the same search finds a sentinel where one is legitimately
 *       stored in clear (the agent's patient reference in the portal's order table). The same journey shows what an
 *       operator sees: its first cycle is one trace from the engine through the job-workers to the partner and back
 *       (the same trace id at both ends of every hop), and the engine, the job-workers and the simulator serve
 *       {@code /actuator/prometheus} with the journey's series moved.</li>
 * </ul>
 */
@ExtendWith(OutputCaptureExtension.class)
class WholeJourneyIT extends PlatformIntegrationSupport {

    private static final Duration JOURNEY = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String EVENTS = "carepath.events";

    /** The intake of the prescription-read test. */
    private static final String READ_INTAKE = """
            {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02",
             "address": "12 Elm Street, Austin TX 78701", "email": "ada.quill@example.com",
             "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": []}""";

    /** The PHI scan's patient: values nothing else in the platform could contain by chance. */
    private static final List<String> PHI = List.of("Zephyrine", "Quillfeather-Oduya", "1979-11-23", "11/23/1979",
            "4417 Marrowbone Lane", "Austin TX 78704", "zq.oduya+carepath@example.org", "171.37", "96.83",
            // The directions on every prescription the simulated doctors write (Rx details).
            "subcutaneously");

    @Autowired AmqpAdmin amqp;
    @Autowired RabbitTemplate rabbit;

    @Test
    void anAgentWithPhiReadReadsThePrescriptionAndTheReadIsInTheAuditTrail(CapturedOutput log) {
        String tenant = newTenant();
        Client reader = provisionedClient(tenant, List.of("phi:read"));
        UUID journey = startJourney(tenant);
        // The pharmacy never fills it: the journey stays at its first prescription while the test reads it.
        platform.scriptPartners(journey.toString(), "{\"holdDispense\": true}");
        assertThat(put("/v1/journeys/" + journey + "/intake", agentToken(tenant), READ_INTAKE).status()).isEqualTo(204);

        await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(1)).until(() ->
                get("/v1/journeys/" + journey, agentToken(tenant)).json().path("timeline").findValuesAsText("type").contains("rx.recorded"));
        Response read = get("/v1/journeys/" + journey + "/prescription?purpose=patient-request", token(reader));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.header("Cache-Control")).contains("no-store");
        JsonNode rx = read.json();
        JsonNode written = prescriptionWrittenAtTheVisit(journey);
        assertThat(rx.path("journeyId").asText()).isEqualTo(journey.toString());
        assertThat(rx.path("cycle").asInt()).isEqualTo(1);
        assertThat(rx.path("rxId").asText()).isNotBlank();
        assertThat(rx.path("medication").asText()).isNotBlank().isEqualTo(written.path("medication").asText());
        assertThat(rx.path("doseMg").asText()).isEqualTo(written.path("doseMg").asText());
        assertThat(rx.path("directions").asText()).isEqualTo(written.path("directions").asText());
        assertThat(rx.path("quantity").asInt()).isEqualTo(written.path("quantity").asInt());
        assertThat(rx.path("prescriberNpi").asText()).isEqualTo(written.path("prescriberNpi").asText());
        assertThat(rx.path("recordedAt").asText()).isNotBlank();

        JsonNode audited = await().atMost(EVENTUALLY).until(() -> auditedReadsBy(tenant, reader.clientId()),
                reads -> !reads.isEmpty()).get(0);
        assertThat(audited.path("subject").asText()).isEqualTo(journey.toString());
        assertThat(audited.path("data").path("accessor").asText()).isEqualTo(reader.clientId());
        assertThat(audited.path("data").path("purpose").asText()).isEqualTo("patient-request");
        assertThat(audited.path("data").path("record").asText()).isEqualTo("prescription");
        assertThat(audited.path("data").path("recordId").asText()).isEqualTo(rx.path("rxId").asText());
        assertThat(audited.path("data").path("fields")).extracting(JsonNode::asText)
                .containsExactly("medication", "doseMg", "directions");
        assertThat(audited.toString()).doesNotContain(rx.path("directions").asText());
        assertThat(auditedReadsBy(tenant, reader.clientId())).as("one read, one record").hasSize(1);

        put("/v1/journeys/" + journey + "/intake", agentToken(tenant), READ_INTAKE.replace("95", "80"))
                .assertProblem(409, "intake-closed");

        assertThat(log.getAll()).doesNotContain(rx.path("directions").asText()).doesNotContain("Elm Street")
                .doesNotContain("ada.quill");
    }

    /**
     * The staff console's reveal: a clinician states a purpose and sees the intake and the prescription, each read an
     * audited {@code clinical.phi-accessed} naming the clinician; the page showed neither before, and no log line has
     * them. The partners' breakers the workers used are on the partner health page.
     */
    @Test
    void aClinicianRevealsTheIntakeAndPrescriptionAtTheConsoleAndEachReadIsAudited(CapturedOutput log) {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        platform.scriptPartners(journey.toString(), "{\"holdDispense\": true}");
        assertThat(put("/v1/journeys/" + journey + "/intake", agentToken(tenant), READ_INTAKE).status()).isEqualTo(204);
        await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(1)).until(() ->
                get("/v1/journeys/" + journey, agentToken(tenant)).json().path("timeline").findValuesAsText("type").contains("rx.recorded"));
        StaffBrowser clinician = new StaffBrowser(port).loggedInAs("clinician", "clinician-local");

        StaffBrowser.Page hidden = clinician.get("/console/journeys/" + journey);
        assertThat(hidden.body()).contains("id=\"phi-form\"").doesNotContain("Quill", "Elm Street", "id=\"phi-revealed\"");
        StaffBrowser.Page revealed = clinician.post("/console/journeys/" + journey + "/phi", Map.of("purpose", "treatment"));

        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.header("Cache-Control")).contains("no-store");
        assertThat(revealed.body()).contains("id=\"phi-intake\"", "Quill", "12 Elm Street", "id=\"phi-prescription\"",
                prescriptionWrittenAtTheVisit(journey).path("medication").asText());
        List<JsonNode> reads = await().atMost(EVENTUALLY).until(() -> auditedReadsBy(tenant, "console:clinician"),
                found -> found.size() == 2);
        assertThat(reads).extracting(read -> read.path("data").path("record").asText())
                .containsExactlyInAnyOrder("intake", "prescription");
        assertThat(reads).allSatisfy(read -> assertThat(read.path("data").path("purpose").asText()).isEqualTo("treatment"));
        assertThat(clinician.get("/console/journeys/" + journey).body()).contains("console:clinician")
                .doesNotContain("Elm Street");
        assertThat(log.getAll()).doesNotContain("Elm Street").doesNotContain("ada.quill");

        StaffBrowser.Page partners = new StaffBrowser(port).loggedInAs("care-ops", "care-ops-local")
                .get("/console/operations/partners");
        assertThat(partners.body()).contains("id=\"partner-table\"", "CLOSED").doesNotContain("workers-unavailable");
    }

    @Test
    void aWholeJourneyLeavesNoPhiInTheEngineTheEventsOrTheLogs(CapturedOutput portalOutput) {
        String tenant = newTenant();
        String patientReference = "pat-phi-" + UUID.randomUUID().toString().substring(0, 8);
        String capture = captureEveryEvent();
        try {
            // One call: the order and its intake (PHI) inline; the intake goes to the clinical store only.
            String journeyId = startJourneyWithIntake(tenant, patientReference);

            await().atMost(JOURNEY).pollInterval(Duration.ofSeconds(1))
                    .until(() -> cyclesRequestedNext(journeyId) >= 2);
            // Semaglutide's default programme is six cycles: after two, the journey runs on, and the read model
            // shows a later cycle's status, no end.
            await().atMost(EVENTUALLY).untilAsserted(() -> {
                JsonNode view = get("/v1/journeys/" + journeyId, agentToken(tenant)).json();
                assertThat(view.path("cycle").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(view.path("status").asText()).isIn("CYCLE_COMPLETED", "STARTED", "PAID", "VISIT_SCHEDULED",
                        "VISIT_COMPLETED", "PRESCRIBED", "RX_SUBMITTED", "DISPENSED", "SHIPPED", "DELIVERED");
            });
            Response prescription = get("/v1/journeys/" + journeyId + "/prescription?purpose=treatment",
                    token(provisionedClient(tenant, List.of("phi:read"))));
            assertThat(prescription.status()).as(prescription.body()).isEqualTo(200);
            assertThat(prescription.json().path("directions").asText()).as("the Rx read in clear, by its reader")
                    .containsIgnoringCase("subcutaneously");

            List<Message> messages = drain(capture);
            List<String> found = new ArrayList<>();
            found.addAll(PhiScan.columnsHolding(jdbc, "engine", PHI));
            for (Message message : messages) {
                found.addAll(PhiScan.textHolding("event " + message.getMessageProperties().getReceivedRoutingKey(),
                        new String(message.getBody(), StandardCharsets.UTF_8)
                                + message.getMessageProperties().getHeaders(), PHI));
            }
            found.addAll(PhiScan.textHolding("engine log", platform.engine().output(), PHI));
            found.addAll(PhiScan.textHolding("job-workers log", platform.workers().output(), PHI));
            found.addAll(PhiScan.textHolding("portal log", portalOutput.getAll(), PHI));
            found.addAll(PhiScan.columnsHolding(jdbc, "clinical", PHI));
            // The portal's own schemas: the order row, its idempotency fingerprint, the read model, the audit store.
            for (String schema : List.of("orders", "read", "audit", "tenants", "ingress", "decisions")) {
                found.addAll(PhiScan.columnsHolding(jdbc, schema, PHI));
            }
            assertThat(found).as("PHI outside the clinical store, or in it in clear").isEmpty();

            // The places searched hold this journey: its events, its engine history, its log lines, its sealed PHI.
            assertThat(messages).as("events of this journey on the exchange")
                    .filteredOn(message -> journeyId.equals(message.getMessageProperties().getHeaders()
                            .get("ce_subject")) || new String(message.getBody(), StandardCharsets.UTF_8).contains(journeyId))
                    .hasSizeGreaterThan(20);
            assertThat(count("SELECT count(*) FROM engine.act_hi_procinst WHERE business_key_ = ?", journeyId))
                    .as("cycles in the engine's history").isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT count(*) FROM engine.act_hi_varinst v JOIN engine.act_hi_procinst p"
                    + " ON v.proc_inst_id_ = p.proc_inst_id_ WHERE p.business_key_ = ?", journeyId))
                    .as("variables in the engine's history").isGreaterThan(10);
            assertThat(platform.workers().output()).as("job-workers log lines of this journey").contains(journeyId);
            assertThat(platform.engine().output()).as("engine log lines of this journey").contains(journeyId);
            assertThat(PhiScan.scannedColumns(jdbc, "engine")).as("engine columns scanned").isGreaterThan(50);
            assertThat(count("SELECT count(*) FROM clinical.intake WHERE order_id = ? AND get_byte(payload, 0) = 1",
                    journeyId)).as("the intake, sealed (Tink's key-id prefix)").isEqualTo(1);
            assertThat(count("SELECT count(*) FROM clinical.prescription WHERE order_id = ?"
                    + " AND get_byte(details, 0) = 1", journeyId)).as("the prescriptions of both cycles, sealed")
                    .isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT count(*) FROM clinical.prescription WHERE order_id = ?"
                    + " AND get_byte(details, 0) <> 1", journeyId)).as("prescriptions in clear").isZero();
            // The same search finds a value where it is stored in clear: it would have found a leak.
            assertThat(PhiScan.columnsHolding(jdbc, "orders", List.of(patientReference))).isNotEmpty();

            assertOneTraceFromTheOrchestratorToThePartner(journeyId, messages);
            assertTheDeployablesServeTheirMetrics();
        } finally {
            amqp.deleteQueue(capture);
        }
    }

    /**
     * The first cycle is one trace from the orchestrator's consumer span on (the portal of this test runs without a
     * tracer, so {@code order.created} carries none and the engine starts the trace): the engine hands it to the
     * external task in its variable, the worker's partner call carries it to the simulator, the worker's completion
     * carries it back to the engine REST API, and the events the worker appends carry it in their envelope. Each hop is
     * checked by the same trace id at both of its ends, in the processes' JSON logs and on the event exchange.
     */
    private void assertOneTraceFromTheOrchestratorToThePartner(String journeyId, List<Message> messages) {
        String engineLog = platform.engine().output();
        String cycleStarted = engineLog.lines()
                .filter(line -> line.contains("\"journeyId\":\"" + journeyId + "\"") && line.contains("cycle 1 of"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line of cycle 1 starting"));
        String traceId = parse(cycleStarted).path("traceId").asText();
        assertThat(traceId).as("the trace id of the orchestrator's line").matches("[0-9a-f]{32}");
        String traced = "\"traceId\":\"" + traceId + "\"";

        assertThat(platform.workers().output().lines().filter(line -> line.contains(traced))
                .map(line -> parse(line).path("message").asText()))
                .as("the external tasks of cycle 1 in the job-workers' log, in the engine's trace")
                .anyMatch(message -> message.startsWith("evaluate-eligibility completed"))
                .anyMatch(message -> message.startsWith("charge-payment completed"));
        assertThat(platform.simulator().output()).as("the partner call, in the simulator's log").contains(traced);
        assertThat(messages).as("payment.captured, appended by the worker, in the engine's trace")
                .filteredOn(message -> "payment.captured".equals(message.getMessageProperties().getReceivedRoutingKey()))
                .map(message -> parse(new String(message.getBody(), StandardCharsets.UTF_8)))
                .filteredOn(event -> journeyId.equals(event.path("data").path("orderId").asText()))
                .anyMatch(event -> event.path("traceparent").asText().startsWith("00-" + traceId + "-"));
    }

    /**
     * Every deployable serves {@code /actuator/prometheus} (the engine and the job-workers to the operations account
     * only), and the journey moved the series an operator watches.
     */
    private void assertTheDeployablesServeTheirMetrics() {
        assertThat(send(HttpRequest.newBuilder(URI.create(platform.engine().url() + "/actuator/prometheus")))
                .statusCode()).as("the engine's scrape without a credential").isEqualTo(401);
        String engine = scrape(platform.engine().url(), true);
        String workers = scrape(platform.workers().url(), true);
        String simulator = scrape(platform.simulator().url(), false);
        assertThat(sample(engine, "carepath_journeys_started_total", "")).isPositive();
        assertThat(sample(engine, "carepath_journey_step_seconds_count", "activity=\"Task_ChargePayment\"")).isPositive();
        assertThat(sample(engine, "carepath_journey_cycle_seconds_count", "end=\"EndEvent_NextCycleRequested\""))
                .isPositive();
        assertThat(sample(engine, "carepath_decisions_evaluated_total", "")).isPositive();
        assertThat(sample(engine, "carepath_incidents_open", "")).isNotNegative();
        assertThat(sample(engine, "carepath_outbox_backlog_rows", "schema=\"orchestrator\"")).isNotNegative();
        assertThat(sample(engine, "carepath_events_dead_letters_messages", "group=\"engine-orchestrator\""))
                .isNotNegative();
        assertThat(sample(workers, "carepath_external_task_fetch_to_complete_seconds_count",
                "topic=\"charge-payment\"")).isPositive();
        assertThat(sample(workers, "resilience4j_circuitbreaker_state", "state=\"closed\"")).isPositive();
        assertThat(sample(workers, "resilience4j_circuitbreaker_calls_seconds_count", "kind=\"successful\""))
                .isPositive();
        assertThat(sample(workers, "carepath_decisions_evaluated_total", "decision=\"eligibility\"")).isPositive();
        assertThat(sample(simulator, "http_server_requests_seconds_count", "")).isPositive();
    }

    private static String scrape(String url, boolean asOperations) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"));
        if (asOperations) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("ops:ops-local".getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer = send(request);
        assertThat(answer.statusCode()).as(url + "/actuator/prometheus").isEqualTo(200);
        return answer.body();
    }

    /** The sum of the samples of {@code series} whose labels contain {@code label}; fails when there is none. */
    private static double sample(String scrape, String series, String label) {
        List<Double> values = scrape.lines()
                .filter(line -> line.startsWith(series + "{") || line.startsWith(series + " "))
                .filter(line -> line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toList();
        assertThat(values).as(series + " {" + label + "}").isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The tenant's {@code clinical.phi-accessed} records in the audit store whose accessor is {@code clientId}. */
    private List<JsonNode> auditedReadsBy(String tenant, String clientId) {
        return jdbc.queryForList("SELECT envelope FROM audit.audit_event WHERE tenant_id = ?"
                        + " AND event_type = 'clinical.phi-accessed' ORDER BY chain_seq", String.class, tenant).stream()
                .map(this::parse)
                .filter(event -> event.path("data").path("accessor").asText().equals(clientId))
                .toList();
    }

    /** The prescription the provider wrote at the journey's visit, as the telehealth network shows it. */
    private JsonNode prescriptionWrittenAtTheVisit(UUID journey) {
        JsonNode visit = StreamSupport.stream(simulatorGet("/telehealth/ledger").spliterator(), false)
                .filter(v -> v.path("clientReference").asText().equals(journey.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no visit of the journey in the simulator"));
        return simulatorGet("/telehealth/" + visit.path("network").asText() + "/visits/"
                + visit.path("visitId").asText() + "/prescription");
    }

    /** A queue of this test bound to every event type, so every message published from now on is kept for it. */
    private String captureEveryEvent() {
        String name = "it.phi-scan." + UUID.randomUUID();
        amqp.declareExchange(new TopicExchange(EVENTS, true, false));
        amqp.declareQueue(new Queue(name, false, false, false));
        amqp.declareBinding(BindingBuilder.bind(new Queue(name)).to(new TopicExchange(EVENTS)).with("#"));
        return name;
    }

    private List<Message> drain(String queue) {
        List<Message> messages = new ArrayList<>();
        for (Message message = rabbit.receive(queue); message != null; message = rabbit.receive(queue)) {
            messages.add(message);
        }
        return messages;
    }

    /**
     * Starts the journey with the patient's intake (PHI) inline, in one call; the portal stores the order and hands
     * the intake to the clinical store.
     */
    private String startJourneyWithIntake(String tenant, String patientReference) {
        String body = """
                {"tenantId": "%s", "patientReference": "%s", "therapy": "semaglutide", "stateCode": "TX",
                 "paymentToken": "tok_visa_4242",
                 "intake": {"givenName": "Zephyrine", "familyName": "Quillfeather-Oduya", "dateOfBirth": "1979-11-23",
                 "address": "4417 Marrowbone Lane, Austin TX 78704", "email": "zq.oduya+carepath@example.org",
                 "heightCm": 171.37, "weightKg": 96.83, "comorbidities": [], "contraindications": []}}"""
                .formatted(tenant, patientReference);
        Response started = post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()), body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json().path("journeyId").asText();
    }

    /** Cycles of the journey that ran to "Next cycle requested", from the engine's history. */
    private long cyclesRequestedNext(String journeyId) {
        HttpResponse<String> counted = send(HttpRequest.newBuilder(URI.create(platform.engine().url()
                        + "/engine-rest/history/process-instance/count?processDefinitionKey=patient-journey"
                        + "&processInstanceBusinessKey=" + journeyId
                        + "&finished=true&executedActivityIdIn=EndEvent_NextCycleRequested"))
                .header("Authorization", basic("admin", "admin-local")).GET());
        try {
            return json.readTree(counted.body()).path("count").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(counted.body(), e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode simulatorGet(String path) {
        return parse(send(HttpRequest.newBuilder(URI.create(platform.simulator().url() + path)).GET()).body());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
