package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The clinical intake takes PHI, so only a caller holding the clinical-intake service credential may put
 * one: anyone else gets a 401 problem and nothing is stored. The health probe stays open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class IntakeAccessIT extends WorkerTestSupport {

    private static final String INTAKE = """
            {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02", "address": "12 Elm Street",
             "email": "ada@example.com", "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": []}""";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;

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

    private long storedIntakes() {
        return jdbc.queryForObject("SELECT count(*) FROM clinical.intake WHERE tenant_id = ? AND order_id = ?",
                Long.class, tenant, orderId);
    }

    private void assertRefused(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic ");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("type").asText()).isEqualTo("https://carepath.dev/problems/unauthorized");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(response.getBody()).doesNotContain("Ada").doesNotContain("1984");
        assertThat(storedIntakes()).isZero();
    }

    @Test
    void anAnonymousIntakeIsRefusedAndNothingIsStored() throws Exception {
        assertRefused(putIntake(headers -> { }));
    }

    @Test
    void aWrongPasswordOrAnotherUserIsRefusedAndNothingIsStored() throws Exception {
        assertRefused(putIntake(headers -> headers.setBasicAuth(intakeUser, intakePassword + "x")));
        assertRefused(putIntake(headers -> headers.setBasicAuth("someone-else", intakePassword)));
        assertRefused(putIntake(headers -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + intakePassword)));
    }

    @Test
    void theServiceCredentialStoresTheIntake() {
        ResponseEntity<String> stored = putIntake(headers -> headers.setBasicAuth(intakeUser, intakePassword));

        assertThat(stored.getStatusCode().value()).isEqualTo(204);
        assertThat(storedIntakes()).isEqualTo(1);
    }

    @Test
    void theHealthProbeNeedsNoCredential() {
        ResponseEntity<String> health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .retrieve().onStatus(status -> true, (request, response) -> { }).toEntity(String.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
    }
}
