package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * known purpose, and records nothing when it is refused or finds no prescription.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClinicalApiIT extends PortalIntegrationSupport {

    private static RunningApplication workers;

    private final String sentinel = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startJobWorkers() throws IOException {
        workers = RunningApplication.jar("job-workers", System.getProperty("carepath.workers.jar"))
                .env("CAREPATH_ENGINE_URL", "http://127.0.0.1:9")
                .env("CAREPATH_PARTNERS_URL", "http://127.0.0.1:9")
                .arg("--camunda.bpm.client.disable-auto-fetching=true")
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

        Response given = put("/v1/journeys/" + journey + "/intake", agentToken(tenant), intake());

        assertThat(given.status()).as(given.body()).isEqualTo(204);
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
        assertThat(put("/v1/journeys/" + journey + "/intake", agentToken(tenant), intake()).status()).isEqualTo(204);
        byte[] first = storedIntake(journey);

        Response again = put("/v1/journeys/" + journey + "/intake", agentToken(tenant), intake("1984-03-02", 170, 88));

        assertThat(again.status()).isEqualTo(204);
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

        put("/v1/journeys/" + journey + "/intake", agentToken(other), intake()).assertProblem(404, "not-found");
        put("/v1/journeys/" + UUID.randomUUID() + "/intake", agentToken(other), intake())
                .assertProblem(404, "not-found");
        put("/v1/journeys/not-a-journey/intake", agentToken(other), intake()).assertProblem(404, "not-found");

        assertThat(storedIntake(journey)).isNull();
        assertThat(count("SELECT count(*) FROM clinical.intake WHERE tenant_id = ?", other)).isZero();
    }

    @Test
    void givingAnIntakeNeedsJourneysWrite() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        String readOnly = token(provisionedClient(tenant, List.of("journeys:read", "phi:read")));

        put("/v1/journeys/" + journey + "/intake", readOnly, intake()).assertProblem(403, "insufficient-scope");
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

        get(prescription + "?purpose=treatment", agentToken(tenant)).assertProblem(403, "insufficient-scope");
        Response missing = get(prescription, reader).assertProblem(400, "validation");
        Response unknown = get(prescription + "?purpose=curiosity", reader).assertProblem(400, "validation");
        get(prescription + "?purpose=treatment", otherReader).assertProblem(404, "not-found");
        get("/v1/journeys/" + UUID.randomUUID() + "/prescription?purpose=treatment", reader)
                .assertProblem(404, "not-found");
        get(prescription + "?purpose=treatment", reader).assertProblem(404, "prescription-not-found");

        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("purpose");
        assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactly("purpose");
        assertThat(unknown.body()).doesNotContain("curiosity");
        assertThat(recordedReads(journey)).as("no read recorded: none was answered").isZero();
    }

    @Test
    void everyDocumentedPurposeIsAccepted() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        String reader = token(provisionedClient(tenant, List.of("phi:read")));

        for (String purpose : List.of("treatment", "payment", "operations", "patient-request")) {
            JsonNode problem = get("/v1/journeys/" + journey + "/prescription?purpose=" + purpose, reader)
                    .assertProblem(404, "prescription-not-found").json();
            assertThat(problem.path("errors").isMissingNode()).isTrue();
        }
    }
}
