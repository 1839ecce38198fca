package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.client.ApiResponse;
import dev.carepath.contracts.client.api.ClinicalApi;
import dev.carepath.contracts.client.model.IntakeAnswers;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.portal.ContractClient;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The agent API's clinical endpoints against the real clinical store: the job-workers application
 * ({@code job-workers/target/job-workers.jar}) runs as a process of its own, with the portal's service credentials
 * (the local defaults both read), and with no engine to take tasks from, so no journey moves on while an intake is
 * given. An agent gives the intake through the portal and it lands sealed in {@code clinical.intake}; bad input,
 * another tenant's journey or a missing scope store nothing; a prescription read needs {@code phi:read} and a
 * known purpose, and records nothing when it is refused or finds no prescription. The agent calls through the Java
 * client generated from the contract ({@link ContractClient}); only requests that client will not build (an intake
 * breaking the contract, no token, no purpose) are written by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClinicalApiIT extends PortalIntegrationSupport {

    private static RunningApplication workers;

    private final String sentinel = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startJobWorkers() throws IOException {
        workers = ClinicalStoreProcess.launch()
                .ready("/actuator/health")
                .start();
    }

    @AfterAll
    static void stopJobWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    @DynamicPropertySource
    static void clinicalStore(DynamicPropertyRegistry registry) {
        registry.add("carepath.clinical.url", () -> workers.url());
    }

    /** An intake whose name, street and e-mail are this test's sentinels: PHI that must never show anywhere. */
    private String intake(String dateOfBirth, double heightCm, double weightKg) {
        return """
                {"givenName": "Given-%1$s", "familyName": "Family-%1$s", "dateOfBirth": "%2$s",
                 "address": "%1$s Sentinel Street, Austin TX 78701", "email": "patient-%1$s@example.com",
                 "heightCm": %3$s, "weightKg": %4$s, "comorbidities": ["hypertension"], "contraindications": []}"""
                .formatted(sentinel, dateOfBirth, heightCm, weightKg);
    }

    private String intake() {
        return intake("1984-03-02", 170, 95);
    }

    /** The same intake as the contract's type, for the generated client. */
    private IntakeAnswers answers(String dateOfBirth, double heightCm, double weightKg) {
        return new IntakeAnswers().givenName("Given-" + sentinel).familyName("Family-" + sentinel)
                .dateOfBirth(LocalDate.parse(dateOfBirth)).address(sentinel + " Sentinel Street, Austin TX 78701")
                .email("patient-" + sentinel + "@example.com").heightCm(heightCm).weightKg(weightKg)
                .comorbidities(List.of("hypertension")).contraindications(List.of());
    }

    private IntakeAnswers answers() {
        return answers("1984-03-02", 170, 95);
    }

    /** The clinical endpoints through the Java client generated from the contract, as the holder of {@code token}. */
    private static ClinicalApi clinical(int port, String token) {
        return new ClinicalApi(ContractClient.bearer(port, token));
    }

    private ContractClient.Call<ApiResponse<Void>> giveIntake(Object journey, String token, IntakeAnswers answers) {
        return () -> clinical(port, token).giveIntakeWithHttpInfo(journey.toString(), answers);
    }

    private byte[] storedIntake(UUID journey) {
        List<byte[]> stored = jdbc.query("SELECT payload FROM clinical.intake WHERE order_id = ?",
                (rs, i) -> rs.getBytes(1), journey.toString());
        return stored.isEmpty() ? null : stored.get(0);
    }

    private long recordedReads(UUID journey) {
        return count("SELECT count(*) FROM clinical.outbox WHERE aggregate_id = ? AND event_type = 'clinical.phi-accessed'",
                journey.toString());
    }

    private void assertNoSentinel(String text) {
        assertThat(text).doesNotContain(sentinel);
    }

    @Test
    void anAgentGivesTheIntakeAndItLandsSealedInTheClinicalStore(CapturedOutput log) {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);

        ApiResponse<Void> given = ContractClient.ok(giveIntake(journey, agentToken(tenant), answers()));

        assertThat(given.getStatusCode()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM clinical.intake WHERE tenant_id = ? AND order_id = ?", tenant,
                journey.toString())).isEqualTo(1);
        byte[] sealed = storedIntake(journey);
        assertThat(sealed[0]).as("Tink's prefix: ciphertext, not the answers").isEqualTo((byte) 1);
        assertNoSentinel(new String(sealed, StandardCharsets.ISO_8859_1));
        assertNoSentinel(log.getAll());
        assertNoSentinel(workers.output());
    }

    @Test
    void aRepeatedIntakeReplacesTheEarlierOneUntilEligibilityIsEvaluated() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        ContractClient.ok(giveIntake(journey, agentToken(tenant), answers()));
        byte[] first = storedIntake(journey);

        ApiResponse<Void> again = ContractClient.ok(giveIntake(journey, agentToken(tenant), answers("1984-03-02", 170, 88)));

        assertThat(again.getStatusCode()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM clinical.intake WHERE order_id = ?", journey.toString())).isEqualTo(1);
        assertThat(storedIntake(journey)).isNotEqualTo(first);
    }

    @Test
    void aBadIntakeIsRefusedWithEveryInvalidFieldAndNothingIsStored(CapturedOutput log) {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        String path = "/v1/journeys/" + journey + "/intake";

        Response invalid = put(path, agentToken(tenant), intake("2999-01-01", 17, 95)
                .replace("\"patient-" + sentinel + "@example.com\"", "\"not-an-address-" + sentinel + "\"")
                .replace("\"givenName\": \"Given-" + sentinel + "\", ", ""))
                .assertProblem(400, "validation");
        Response malformed = put(path, agentToken(tenant), "{\"givenName\": \"" + sentinel + "\", \"dateOfBirth\": "
                + "\"1984-13-45\"}").assertProblem(400, "malformed-request");
        Response card = put(path, agentToken(tenant), intake().replace(sentinel + " Sentinel Street",
                "4111 1111 1111 1111")).assertProblem(400, "card-data-refused");

        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .containsExactly("dateOfBirth", "email", "givenName", "heightCm");
        for (Response refused : List.of(invalid, malformed, card)) {
            assertNoSentinel(refused.body());
            assertThat(refused.body()).doesNotContain("2999").doesNotContain("4111");
        }
        assertThat(storedIntake(journey)).isNull();
        assertNoSentinel(log.getAll());
    }

    @Test
    void anotherTenantsJourneyOrAnUnknownOneIsNotFoundAndNothingIsStored() {
        String owner = newTenant();
        String other = newTenant();
        UUID journey = startJourney(owner);

        for (Object id : List.of(journey, UUID.randomUUID(), "not-a-journey")) {
            ContractClient.problem(404, "not-found", giveIntake(id, agentToken(other), answers()));
        }

        assertThat(storedIntake(journey)).isNull();
        assertThat(count("SELECT count(*) FROM clinical.intake WHERE tenant_id = ?", other)).isZero();
    }

    @Test
    void givingAnIntakeNeedsJourneysWrite() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        String readOnly = token(provisionedClient(tenant, List.of("journeys:read", "phi:read")));

        ContractClient.problem(403, "insufficient-scope", giveIntake(journey, readOnly, answers()));
        // No token at all: the only request here a client would not send on its own.
        put("/v1/journeys/" + journey + "/intake", null, intake()).assertProblem(401, "unauthorized");

        assertThat(storedIntake(journey)).isNull();
    }

    @Test
    void aPrescriptionReadNeedsPhiReadAKnownPurposeAndTheTenantsJourney() {
        String tenant = newTenant();
        String other = newTenant();
        UUID journey = startJourney(tenant);
        String reader = token(provisionedClient(tenant, List.of("phi:read")));
        String otherReader = token(provisionedClient(other, List.of("phi:read")));
        String prescription = "/v1/journeys/" + journey + "/prescription";

        String id = journey.toString();
        ContractClient.problem(403, "insufficient-scope",
                () -> clinical(port, agentToken(tenant)).getPrescription(id, "treatment"));
        // Without a purpose: the generated client refuses to build it (a required parameter), so by hand.
        Response missing = get(prescription, reader).assertProblem(400, "validation");
        JsonNode unknown = ContractClient.problem(400, "validation",
                () -> clinical(port, reader).getPrescription(id, "curiosity"));
        ContractClient.problem(404, "not-found", () -> clinical(port, otherReader).getPrescription(id, "treatment"));
        ContractClient.problem(404, "not-found",
                () -> clinical(port, reader).getPrescription(UUID.randomUUID().toString(), "treatment"));
        ContractClient.problem(404, "prescription-not-found", () -> clinical(port, reader).getPrescription(id, "treatment"));

        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("purpose");
        assertThat(unknown.path("errors").findValuesAsText("field")).containsExactly("purpose");
        assertThat(unknown.toString()).doesNotContain("curiosity");
        assertThat(recordedReads(journey)).as("no read recorded: none was answered").isZero();
    }

    @Test
    void everyDocumentedPurposeIsAccepted() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        String reader = token(provisionedClient(tenant, List.of("phi:read")));

        for (String purpose : List.of("treatment", "payment", "operations", "patient-request")) {
            JsonNode problem = ContractClient.problem(404, "prescription-not-found",
                    () -> clinical(port, reader).getPrescription(journey.toString(), purpose));
            assertThat(problem.path("errors").isMissingNode()).isTrue();
        }
    }
}
