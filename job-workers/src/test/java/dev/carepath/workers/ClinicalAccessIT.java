package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.workers.tasks.JourneyTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The clinical store's internal endpoints take and give PHI, so each needs its own service credential and no
 * other: the clinical-intake credential puts an intake and reads nothing, the clinical-reader credential reads a
 * prescription and writes nothing. No or a wrong credential is a 401 problem, the other role's a 403, and either
 * way nothing is stored and no read is recorded. A read that is answered is audited like every PHI read
 * ({@code clinical.phi-accessed}: who, which record and fields, why). The health probe stays open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class ClinicalAccessIT extends WorkerTestSupport {

    private static final String INTAKE = """
            {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02", "address": "12 Elm Street",
             "email": "ada@example.com", "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": []}""";
    private static final String AGENT = "agent-0a1b2c3d4e5f6a7b";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired @Qualifier("scheduleVisitWorker") JourneyTask scheduleVisit;
    @Autowired @Qualifier("recordRxWorker") JourneyTask recordRx;

    @Value("${carepath.clinical.reader.user}")
    String readerUser;

    @Value("${carepath.clinical.reader.password}")
    String readerPassword;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    private ResponseEntity<String> putIntake(Consumer<HttpHeaders> credentials) {
        return RestClient.create("http://127.0.0.1:" + port).put()
                .uri("/internal/clinical/intakes/{tenant}/{order}", tenant, orderId)
                .headers(credentials)
                .contentType(MediaType.APPLICATION_JSON).body(INTAKE)
                .retrieve().onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }

    private ResponseEntity<String> readLatest(Consumer<HttpHeaders> credentials, String purpose) {
        return RestClient.create("http://127.0.0.1:" + port).get()
                .uri("/internal/clinical/prescriptions/{tenant}/{order}/latest?accessor={accessor}&purpose={purpose}",
                        tenant, orderId, AGENT, purpose)
                .headers(credentials)
                .retrieve().onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }

    private Consumer<HttpHeaders> asIntake() {
        return headers -> headers.setBasicAuth(intakeUser, intakePassword);
    }

    private Consumer<HttpHeaders> asReader() {
        return headers -> headers.setBasicAuth(readerUser, readerPassword);
    }

    private long storedIntakes() {
        return jdbc.queryForObject("SELECT count(*) FROM clinical.intake WHERE tenant_id = ? AND order_id = ?",
                Long.class, tenant, orderId);
    }

    private List<JsonNode> recordedReads() {
        return jdbc.queryForList("SELECT envelope::text FROM clinical.outbox WHERE aggregate_id = ?"
                        + " AND event_type = 'clinical.phi-accessed'", String.class, orderId).stream()
                .map(this::parse).toList();
    }

    /** The order cycle's prescription as the real record-rx path writes it: a visit, then the Rx it produced. */
    private String prescribe(int cycle) {
        ExternalTaskService booked = mock(ExternalTaskService.class);
        scheduleVisit.execute(task(tenant, orderId, Map.of("cycle", cycle, "providerNetwork", "meridian-health",
                "stateCode", "TX", "therapy", "semaglutide"), null), booked);
        String visitId = completedWith(booked).get("visitId").toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.get()
                .uri("/telehealth/meridian-health/visits/{id}/prescription", visitId)
                .exchange((request, response) -> response.getStatusCode().is2xxSuccessful()));
        ExternalTaskService recorded = mock(ExternalTaskService.class);
        recordRx.execute(task(tenant, orderId, Map.of("cycle", cycle, "providerNetwork", "meridian-health",
                "visitId", visitId), null), recorded);
        return completedWith(recorded).get("rxId").toString();
    }

    private void assertProblem(ResponseEntity<String> response, int status, String type) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = parse(response.getBody());
        assertThat(problem.path("type").asText()).isEqualTo("https://carepath.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Ada").doesNotContain("1984");
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void anAnonymousIntakeIsRefusedAndNothingIsStored() {
        ResponseEntity<String> refused = putIntake(headers -> { });

        assertProblem(refused, 401, "unauthorized");
        assertThat(refused.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic ");
        assertThat(storedIntakes()).isZero();
    }

    @Test
    void aWrongPasswordOrAnotherUserIsRefusedAndNothingIsStored() {
        assertProblem(putIntake(headers -> headers.setBasicAuth(intakeUser, intakePassword + "x")), 401, "unauthorized");
        assertProblem(putIntake(headers -> headers.setBasicAuth("someone-else", intakePassword)), 401, "unauthorized");
        assertProblem(putIntake(headers -> headers.setBasicAuth(intakeUser, readerPassword)), 401, "unauthorized");
        assertProblem(putIntake(headers -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + intakePassword)), 401,
                "unauthorized");
        assertThat(storedIntakes()).isZero();
    }

    @Test
    void theIntakeCredentialStoresTheIntake() {
        ResponseEntity<String> stored = putIntake(asIntake());

        assertThat(stored.getStatusCode().value()).isEqualTo(204);
        assertThat(storedIntakes()).isEqualTo(1);
    }

    @Test
    void theReaderCredentialCannotPutAnIntake() {
        assertProblem(putIntake(asReader()), 403, "forbidden");

        assertThat(storedIntakes()).isZero();
    }

    @Test
    void theIntakeCredentialOrNoneCannotReadAPrescriptionAndNoReadIsRecorded() {
        prescribe(1);

        assertProblem(readLatest(asIntake(), "treatment"), 403, "forbidden");
        assertProblem(readLatest(headers -> { }, "treatment"), 401, "unauthorized");
        assertProblem(readLatest(headers -> headers.setBasicAuth(readerUser, intakePassword), "treatment"), 401,
                "unauthorized");

        assertThat(recordedReads()).isEmpty();
    }

    @Test
    void theReaderCredentialReadsTheLatestCyclesPrescriptionAndTheReadIsAudited() {
        prescribe(1);
        String latest = prescribe(2);
        JsonNode written = ledgerPrescription(latest);

        ResponseEntity<String> read = readLatest(asReader(), "treatment");

        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getHeaders().getCacheControl()).contains("no-store");
        JsonNode rx = parse(read.getBody());
        assertThat(rx.path("rxId").asText()).isEqualTo(latest);
        assertThat(rx.path("orderId").asText()).isEqualTo(orderId);
        assertThat(rx.path("cycle").asInt()).isEqualTo(2);
        assertThat(rx.path("medication").asText()).isEqualTo(written.path("medication").asText()).isNotBlank();
        assertThat(rx.path("doseMg").asText()).isEqualTo(written.path("doseMg").asText());
        assertThat(rx.path("directions").asText()).isEqualTo(written.path("directions").asText());
        assertThat(rx.path("quantity").asInt()).isEqualTo(written.path("quantity").asInt());
        assertThat(rx.path("prescriberNpi").asText()).isEqualTo(written.path("prescriberNpi").asText());
        assertThat(rx.path("recordedAt").asText()).isNotBlank();

        List<JsonNode> reads = recordedReads();
        assertThat(reads).hasSize(1);
        JsonNode audited = reads.get(0);
        assertThat(audited.path("subject").asText()).isEqualTo(orderId);
        assertThat(audited.path("tenantid").asText()).isEqualTo(tenant);
        JsonNode data = audited.path("data");
        assertThat(data.path("accessor").asText()).isEqualTo(AGENT);
        assertThat(data.path("purpose").asText()).isEqualTo("treatment");
        assertThat(data.path("record").asText()).isEqualTo("prescription");
        assertThat(data.path("recordId").asText()).isEqualTo(latest);
        assertThat(data.path("fields")).extracting(JsonNode::asText)
                .containsExactly("medication", "doseMg", "directions");
        assertThat(audited.toString()).doesNotContain(written.path("medication").asText())
                .doesNotContain(written.path("directions").asText());
    }

    @Test
    void anOrderWithoutAPrescriptionIsNotFoundAndNoReadIsRecorded() {
        assertProblem(readLatest(asReader(), "treatment"), 404, "prescription-not-found");

        assertThat(recordedReads()).isEmpty();
    }

    @Test
    void aMalformedPurposeIsRefusedAndNoReadIsRecorded() {
        prescribe(1);

        assertThat(readLatest(asReader(), "Treatment; DROP").getStatusCode().value()).isEqualTo(400);

        assertThat(recordedReads()).isEmpty();
    }

    private ResponseEntity<String> readIntake(Consumer<HttpHeaders> credentials) {
        return RestClient.create("http://127.0.0.1:" + port).get()
                .uri("/internal/clinical/intakes/{tenant}/{order}?accessor={accessor}&purpose={purpose}",
                        tenant, orderId, "console:clinician", "treatment")
                .headers(credentials)
                .retrieve().onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }

    @Test
    void theReaderCredentialReadsAnIntakeBackForTheConsoleAndTheReadIsAudited() {
        assertProblem(readIntake(asReader()), 404, "intake-not-found");
        assertThat(recordedReads()).isEmpty();
        assertThat(putIntake(asIntake()).getStatusCode().value()).isEqualTo(204);

        assertThat(readIntake(asIntake()).getStatusCode().value()).as("the intake credential reads nothing")
                .isEqualTo(403);
        assertThat(readIntake(headers -> { }).getStatusCode().value()).isEqualTo(401);
        assertThat(recordedReads()).isEmpty();

        ResponseEntity<String> read = readIntake(asReader());
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getHeaders().getCacheControl()).contains("no-store");
        assertThat(parse(read.getBody()).path("familyName").asText()).isEqualTo("Quill");
        JsonNode audited = recordedReads().get(0);
        assertThat(recordedReads()).hasSize(1);
        assertThat(audited.path("data").path("accessor").asText()).isEqualTo("console:clinician");
        assertThat(audited.path("data").path("purpose").asText()).isEqualTo("treatment");
        assertThat(audited.path("data").path("record").asText()).isEqualTo("intake");
        assertThat(audited.toString()).doesNotContain("Quill").doesNotContain("Elm Street");
    }

    @Test
    void thePartnersCircuitBreakersNeedAServiceCredential() {
        prescribe(1);
        ResponseEntity<String> anonymous = RestClient.create("http://127.0.0.1:" + port).get().uri("/internal/partners")
                .retrieve().onStatus(status -> true, (request, response) -> { }).toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> partners = RestClient.create("http://127.0.0.1:" + port).get().uri("/internal/partners")
                .headers(asReader()).retrieve().toEntity(String.class);
        JsonNode list = parse(partners.getBody());
        assertThat(list.findValuesAsText("partner")).contains("meridian-health");
        assertThat(list.findValuesAsText("state")).allMatch(state -> List.of("CLOSED", "OPEN", "HALF_OPEN",
                "FORCED_OPEN", "DISABLED", "METRICS_ONLY").contains(state));
    }

    @Test
    void theHealthProbeNeedsNoCredential() {
        ResponseEntity<String> health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .retrieve().onStatus(status -> true, (request, response) -> { }).toEntity(String.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void everyOtherActuatorEndpointIsRefusedWithoutACredential() {
        for (String endpoint : List.of("/actuator", "/actuator/info", "/actuator/metrics")) {
            ResponseEntity<String> answer = RestClient.create("http://127.0.0.1:" + port).get().uri(endpoint)
                    .retrieve().onStatus(status -> true, (request, response) -> { }).toEntity(String.class);

            assertThat(answer.getStatusCode().value()).as(endpoint).isEqualTo(401);
            assertThat(answer.getHeaders().getContentType()).as(endpoint).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    /** The prescription the provider wrote for {@code rxId}'s visit, as the telehealth network shows it. */
    private JsonNode ledgerPrescription(String rxId) {
        String visitId = jdbc.queryForObject("SELECT visit_id FROM clinical.prescription WHERE rx_id = ?::uuid",
                String.class, rxId);
        return parse(simulator.get().uri("/telehealth/meridian-health/visits/{id}/prescription", visitId)
                .retrieve().body(String.class));
    }
}
