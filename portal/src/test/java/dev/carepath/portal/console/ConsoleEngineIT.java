package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's engine part against the real engine (its jar, a process of its own) and this portal: a journey's
 * running cycle, where it stands, the link into Cockpit, an open incident with its message and the Retry that resolves
 * it (audited as {@code incident.retried}), and the task queues. No workers run: the test fails the journey's first
 * external task as the workers' account would after its last retry, which opens the incident.
 */
class ConsoleEngineIT extends PortalIntegrationSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RunningApplication engine;

    @BeforeAll
    static void startEngine() throws IOException {
        engine = RunningApplication.jar("engine", System.getProperty("carepath.engine.jar")).maxHeap("512m")
                .ready("/actuator/health/readiness").start();
    }

    /** Stopped after this class: a running engine would start journeys of the other ITs' orders. */
    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @DynamicPropertySource
    static void engineUrl(DynamicPropertyRegistry registry) {
        registry.add("carepath.console.engine.url", () -> engine.url() + "/engine-rest");
        registry.add("carepath.console.engine-web-url", () -> "http://engine.example");
    }

    private JsonNode asWorkers(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(engine.url() + "/engine-rest" + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "jobworkers:workers-local".getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
            return answer.body().isEmpty() ? json.nullNode() : json.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void careOpsSeeAStrandedJourneysIncidentAndRetryIt() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM read.journey WHERE journey_id = ?"
                + " AND created_at IS NOT NULL", journey) == 1);
        // The engine starts the cycle; its first step waits for a worker. The "worker" gives up on it.
        String workerId = "console-it-" + UUID.randomUUID();
        JsonNode locked = await().atMost(Duration.ofSeconds(60)).until(() -> asWorkers("POST",
                "/external-task/fetchAndLock", """
                {"workerId": "%s", "maxTasks": 1, "topics": [{"topicName": "evaluate-eligibility",
                 "lockDuration": 60000, "businessKey": "%s"}]}""".formatted(workerId, journey)), tasks -> tasks.size() == 1);
        String taskId = locked.get(0).path("id").asText();
        asWorkers("POST", "/external-task/" + taskId + "/failure", """
                {"workerId": "%s", "errorMessage": "eligibility store unavailable", "retries": 0, "retryTimeout": 0}"""
                .formatted(workerId));

        StaffBrowser careOps = new StaffBrowser(port).loggedInAs("care-ops", "care-ops-local");
        StaffBrowser.Page page = careOps.get("/console/journeys/" + journey);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"current-activity\"", "Task_EvaluateEligibility",
                "id=\"cockpit-link\" href=\"http://engine.example/operaton/app/cockpit/default/#/process-instance/",
                "id=\"incident-table\"", "eligibility store unavailable", "class=\"retry-incident\"");
        String incidentId = page.body().replaceAll("(?s).*data-incident-id=\"([^\"]+)\".*", "$1");

        assertThat(new StaffBrowser(port).loggedInAs("clinician", "clinician-local").get("/console/journeys/" + journey)
                .body()).as("only care ops and platform staff retry").doesNotContain("class=\"retry-incident\"");

        StaffBrowser.Page retried = careOps.post("/console/journeys/" + journey + "/incidents/" + incidentId + "/retry",
                Map.of());
        assertThat(retried.status()).isEqualTo(302);
        StaffBrowser.Page after = careOps.get("/console/journeys/" + journey);
        assertThat(after.body()).contains("id=\"flash\"", "Retried", "id=\"no-incidents\"");
        JsonNode again = asWorkers("POST", "/external-task/fetchAndLock", """
                {"workerId": "%s", "maxTasks": 1, "topics": [{"topicName": "evaluate-eligibility",
                 "lockDuration": 1000, "businessKey": "%s"}]}""".formatted(workerId, journey));
        assertThat(again).as("the step runs again").hasSize(1);

        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?"
                + " AND event_type = 'incident.retried'", tenant) == 1);
        String envelope = jdbc.queryForObject("SELECT envelope FROM audit.audit_event WHERE tenant_id = ?"
                + " AND event_type = 'incident.retried'", String.class, tenant);
        assertThat(envelope).contains("\"retriedBy\":\"care-ops\"", "\"incidentId\":\"" + incidentId + "\"",
                "\"orderId\":\"" + journey + "\"");
        assertThat(careOps.get("/console/journeys/" + journey).body()).contains("incident.retried");

        StaffBrowser.Page stale = careOps.post("/console/journeys/" + journey + "/incidents/" + incidentId + "/retry",
                Map.of());
        assertThat(stale.status()).isEqualTo(302);
        assertThat(careOps.get("/console/journeys/" + journey).body()).contains("no longer open");
        assertThat(count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ? AND event_type = 'incident.retried'",
                tenant)).as("nothing retried, nothing recorded").isEqualTo(1);
    }

    @Test
    void theTaskQueuesCountEachGroupsOpenTasks() {
        StaffBrowser.Page tasks = new StaffBrowser(port).loggedInAs("pharmacist", "pharmacist-local")
                .get("/console/operations/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.body()).contains("data-group=\"care-ops\"", "data-group=\"clinicians\"",
                "data-group=\"pharmacists\"").doesNotContain("id=\"engine-unavailable\"");
        assertThat(tasks.body()).containsPattern("class=\"task-count\">\\d+<");
    }
}
