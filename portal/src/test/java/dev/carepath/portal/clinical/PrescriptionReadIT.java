package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.portal.PlatformIntegrationSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An agent reads the prescription its journey produced, the whole way as in production: the engine, job-workers and
 * the partner simulator run as processes of their own (their jars, built before this module), this test's portal
 * takes the journey, the intake and the simulator's webhooks, and the prescription is the one the real
 * {@code record-rx} worker recorded after the visit. The read is answered with {@code Cache-Control: no-store} and
 * lands in the audit store as {@code clinical.phi-accessed} with the agent's client id and the purpose; the intake,
 * judged by then, can no longer be replaced; the portal's log shows none of it.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrescriptionReadIT extends PlatformIntegrationSupport {

    private static final Duration TO_PRESCRIPTION = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INTAKE = """
            {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02",
             "address": "12 Elm Street, Austin TX 78701", "email": "ada.quill@example.com",
             "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": []}""";

    @Test
    void anAgentWithPhiReadReadsThePrescriptionAndTheReadIsInTheAuditTrail(CapturedOutput log) {
        String tenant = newTenant();
        Client reader = provisionedClient(tenant, List.of("phi:read"));
        UUID journey = startJourney(tenant);
        // The pharmacy never fills it: the journey stays at its first prescription while the test reads it.
        platform().scriptPartners(journey.toString(), "{\"holdDispense\": true}");
        assertThat(put("/v1/journeys/" + journey + "/intake", agentToken(tenant), INTAKE).status()).isEqualTo(204);

        await().atMost(TO_PRESCRIPTION).pollInterval(Duration.ofSeconds(1)).until(() ->
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

        put("/v1/journeys/" + journey + "/intake", agentToken(tenant), INTAKE.replace("95", "80"))
                .assertProblem(409, "intake-closed");

        assertThat(log.getAll()).doesNotContain(rx.path("directions").asText()).doesNotContain("Elm Street")
                .doesNotContain("ada.quill");
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

    private JsonNode simulatorGet(String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(platform().simulator().url() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return parse(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
