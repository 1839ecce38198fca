package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.RunningPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The whole stack the console's browser tests drive, every deployable a process of its own from its jar: the partner
 * simulator, the engine and the job-workers ({@link RunningPlatform}) and the portal that serves the console
 * ({@link RunningApplication}, as RateLimitIT runs a second portal node). Started once for all scenarios.
 *
 * <p>The workers give up on a task at its first failure ({@code carepath.workers.retries.attempts=1}), so a partner
 * outage strands a journey in an incident at once instead of after minutes of backoff; partners act within a second.
 * Besides the browser, the tests set things up and check outcomes the way other clients would: the portal's agent and
 * staff APIs with machine-client tokens, the engine REST API as the engine's admin, the simulator's fault controls.
 */
final class ConsoleStack implements AutoCloseable {

    static final Duration JOURNEY = Duration.ofMinutes(3);

    /** The portal ITs' webhook secret (application-it.yml), which {@link RunningPlatform}'s simulator signs with. */
    private static final String WEBHOOK_SECRET = "it-webhook-secret";

    /** The local defaults of the engine's accounts (README, docs/adr/0010). */
    static final String ENGINE_ADMIN = "admin";
    static final String ENGINE_ADMIN_PASSWORD = "admin-local";

    private static final String PLATFORM_CLIENT = "platform-admin";
    private static final String PLATFORM_SECRET = "platform-local-secret";

    private static final List<String> THERAPIES = List.of("semaglutide", "tirzepatide");
    private static final List<String> STATES = List.of("TX", "CA", "FL", "NY", "OH", "WA", "NV");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningPlatform platform;
    private final RunningApplication portal;

    private ConsoleStack(RunningPlatform platform, RunningApplication portal) {
        this.platform = platform;
        this.portal = portal;
    }

    static ConsoleStack start() throws IOException {
        RunningPlatform platform = RunningPlatform.start(RunningPlatform.options()
                .simulator("simulator.telehealth.visit-completion-delay=300ms")
                .simulator("simulator.pharmacy.dispense-delay=300ms")
                .simulator("simulator.pharmacy.ship-delay=300ms")
                .simulator("simulator.pharmacy.deliver-delay=600ms")
                .workers("carepath.workers.retries.attempts=1")
                .engine("CAREPATH_FOLLOW_UP_UNIT", "1s"));
        try {
            RunningApplication portal = RunningApplication.jar("portal-console", System.getProperty("carepath.portal.jar"))
                    .env("CAREPATH_ENGINE_URL", platform.engine().url())
                    .env("CAREPATH_CLINICAL_URL", platform.workers().url())
                    .env("CAREPATH_WEBHOOK_SECRET", WEBHOOK_SECRET)
                    .env("CAREPATH_ENGINE_WEB_URL", platform.engine().url())
                    .arg("--carepath.audit.anchor.dir=target/it-anchors/console-" + UUID.randomUUID())
                    .maxHeap("512m")
                    .ready("/actuator/health").start();
            platform.webhooksTo(portal.port());
            return new ConsoleStack(platform, portal);
        } catch (IOException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    String portalUrl() {
        return portal.url();
    }

    String engineUrl() {
        return platform.engine().url();
    }

    RunningPlatform platform() {
        return platform;
    }

    // ---- the portal's APIs, as platform staff and as a tenant's agent

    /** A new tenant offering both therapies in a few states, with its agent client; returns the tenant id. */
    String newTenant() {
        String tenant = "ui-" + UUID.randomUUID().toString().substring(0, 13);
        String entitlements = THERAPIES.stream()
                .map(therapy -> "{\"therapy\": \"" + therapy + "\", \"states\": " + jsonList(STATES) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        Answer created = send(post(portal.url() + "/v1/admin/tenants", staffToken(), """
                {"tenantId": "%s", "name": "Console %s", "merchantAccount": "acct_ui",
                 "callbackUrl": "http://127.0.0.1:9/callback", "entitlements": %s}"""
                .formatted(tenant, tenant, entitlements)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return tenant;
    }

    /** A new machine client of the tenant with these scopes: its id and secret. */
    Client newClient(String tenant, List<String> scopes) {
        Answer created = send(post(portal.url() + "/v1/admin/tenants/" + tenant + "/clients", staffToken(),
                "{\"name\": \"console test agent\", \"scopes\": " + jsonList(scopes) + "}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Client(created.json().path("clientId").asText(), created.json().path("clientSecret").asText());
    }

    /** The token endpoint's answer for a client (client credentials): 200 with a token, or a refusal. */
    Answer tokenFor(Client client) {
        return send(HttpRequest.newBuilder(URI.create(portal.url() + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", basic(client.id(), client.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    String token(Client client) {
        Answer answer = tokenFor(client);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("access_token").asText();
    }

    private String staffToken() {
        return token(new Client(PLATFORM_CLIENT, PLATFORM_SECRET));
    }

    /** Starts a journey with its intake inline as the tenant's agent; returns its id (= the order id). */
    UUID startJourney(String agentToken, String therapy, String stateCode, String intake) {
        Answer started = send(HttpRequest.newBuilder(URI.create(portal.url() + "/v1/journeys"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + agentToken)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"patientReference": "pat-%s", "therapy": "%s", "stateCode": "%s", "paymentToken": "tok_visa_4242",
                         "cycles": 1, "intake": %s}""".formatted(UUID.randomUUID().toString().substring(0, 8), therapy,
                        stateCode, intake))).build());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return UUID.fromString(started.json().path("journeyId").asText());
    }

    /** The journey as its tenant's agent sees it ({@code GET /v1/journeys/{id}}). */
    Answer journey(String agentToken, UUID journey) {
        return send(HttpRequest.newBuilder(URI.create(portal.url() + "/v1/journeys/" + journey))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + agentToken).GET().build());
    }

    /** The tenant's journeys as its agent lists them ({@code GET /v1/journeys}). */
    Answer listJourneys(String agentToken) {
        return send(HttpRequest.newBuilder(URI.create(portal.url() + "/v1/journeys?limit=1"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + agentToken).GET().build());
    }

    String status(String agentToken, UUID journey) {
        Answer answer = journey(agentToken, journey);
        return answer.status() == 200 ? answer.json().path("status").asText() : "HTTP " + answer.status();
    }

    /** Deploys a decision table through the staff API (the gate included); a test's clean-up. */
    void deployDecision(String key, String xml) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(portal.url() + "/v1/admin/decisions/" + key))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + staffToken())
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    // ---- the partner simulator's controls

    /** Every call to the partner fails ({@code errorRate} 1) until {@link #calmPartners()}. */
    void partnerDown(String partner) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(platform.simulator().url() + "/admin/faults/" + partner))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 1.0}")).build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** The simulator's configured faults again (none in these tests). */
    void calmPartners() {
        Answer answer = send(HttpRequest.newBuilder(URI.create(platform.simulator().url() + "/admin/faults"))
                .timeout(Duration.ofSeconds(10)).DELETE().build());
        assertThat(answer.status()).as(answer.body()).isIn(200, 204);
    }

    // ---- the broker

    /** Leaves {@code event} on the dead-letter queue of consumer group {@code group}, refused for {@code reason}. */
    void deadLetter(String group, DomainEvent event, String reason) {
        var broker = new CachingConnectionFactory("127.0.0.1", 5672);
        broker.setUsername("guest");
        broker.setPassword("guest");
        broker.setVirtualHost(System.getenv().getOrDefault("CAREPATH_TEST_DB", "carepath_test"));
        try {
            new BackboneEvents(new RabbitTemplate(broker), new EventCodec()).deadLetter(group, event, reason);
        } finally {
            broker.destroy();
        }
    }

    // ---- the engine REST API as the engine's admin

    /** The engine REST API's answer to a GET as the engine's admin, e.g. {@code /incident?processInstanceId=…}. */
    JsonNode engineGet(String pathAndQuery) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(engineUrl() + "/engine-rest" + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).header("Authorization", basic(ENGINE_ADMIN, ENGINE_ADMIN_PASSWORD))
                .GET().build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The id of the journey's running process instance (business key = the order id), once it runs. */
    String processInstance(UUID journey) {
        return await().atMost(JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> engineGet("/process-instance?businessKey=" + journey), found -> found.size() > 0)
                .get(0).path("id").asText();
    }

    /** The journey's open incidents, waiting until there is one. */
    JsonNode incidentOf(String processInstanceId) {
        return await().atMost(JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> engineGet("/incident?processInstanceId=" + processInstanceId), found -> found.size() > 0)
                .get(0);
    }

    /** A journey stranded in an incident: its charge fails while the payment processor is down. */
    Stranded strandedJourney(String agentToken) {
        partnerDown("payments");
        try {
            UUID journey = startJourney(agentToken, "semaglutide", "TX", Intakes.ELIGIBLE);
            String instance = processInstance(journey);
            JsonNode incident = incidentOf(instance);
            return new Stranded(journey, instance, incident.path("id").asText(), incident.path("activityId").asText());
        } finally {
            calmPartners();
        }
    }

    record Stranded(UUID journey, String processInstanceId, String incidentId, String activityId) {
    }

    @Override
    public void close() {
        try {
            portal.close();
        } finally {
            platform.close();
        }
    }

    // ---- plumbing

    record Client(String id, String secret) {
    }

    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static HttpRequest post(String url, String bearer, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
