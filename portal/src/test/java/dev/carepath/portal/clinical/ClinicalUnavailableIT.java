package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.portal.PortalIntegrationSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A clinical store that is down (here: nothing listens where the portal looks for it, see application-it.yml):
 * the agent gets a 503 {@code clinical-unavailable} problem for an intake and for a prescription read, never a
 * stack trace, and neither the answer nor the log shows a submitted value.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClinicalUnavailableIT extends PortalIntegrationSupport {

    @Test
    void aClinicalStoreThatIsDownIs503ForTheIntakeAndThePrescription(CapturedOutput log) {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        String sentinel = UUID.randomUUID().toString().substring(0, 8);
        String intake = """
                {"givenName": "Given-%1$s", "familyName": "Family-%1$s", "dateOfBirth": "1984-03-02",
                 "address": "%1$s Sentinel Street", "email": "patient-%1$s@example.com",
                 "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": []}""".formatted(sentinel);
        String reader = token(provisionedClient(tenant, List.of("phi:read")));

        Response given = put("/v1/journeys/" + journey + "/intake", agentToken(tenant), intake)
                .assertProblem(503, "clinical-unavailable");
        Response read = get("/v1/journeys/" + journey + "/prescription?purpose=treatment", reader)
                .assertProblem(503, "clinical-unavailable");

        for (Response answer : List.of(given, read)) {
            assertThat(answer.body()).doesNotContain(sentinel).doesNotContain("Exception").doesNotContain("at dev.");
        }
        assertThat(log.getAll()).contains("clinical store unreachable").doesNotContain(sentinel);
    }
}
