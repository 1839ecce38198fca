package dev.carepath.portal.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rate limits across two portal nodes: this test's portal and a second one run from the packaged jar, on the same
 * database and with the same token signing keys, so one client's token works on both and both draw on the same
 * buckets. Tight limits for this test's tenants (plans {@code tight} and {@code small}; the standard plan, which the
 * platform client's provisioning calls draw on, stays generous), low enough for a loaded 2-core machine to go over
 * them: a client of the tight plan may send 2 requests a second with bursts of 5. Each test bounds what may pass by
 * the time it took (burst + rate x elapsed).
 */
class RateLimitIT extends PortalIntegrationSupport {

    private static final double CLIENT_PER_SECOND = 2;
    private static final long CLIENT_BURST = 5;
    /** A tenant on the tight plan. */
    private static final String TIGHT_TENANT = "it-tight-" + UUID.randomUUID().toString().substring(0, 8);
    /** A tenant on a plan whose tenant bucket is smaller than its clients'. */
    private static final String SMALL_TENANT = "it-small-" + UUID.randomUUID().toString().substring(0, 8);
    /**
     * Tenants whose clients use the MCP server and the REST API, on plans that refill slowly (one token every 5 s),
     * so that even a machine taking a second per request goes over them: {@code mcpclient} limits each client,
     * {@code mcptenant} the tenant.
     */
    private static final String MCP_CLIENT_TENANT = "it-mcpc-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MCP_TENANT = "it-mcpt-" + UUID.randomUUID().toString().substring(0, 8);
    private static final double MCP_PER_SECOND = 0.2;
    private static final long MCP_BURST = 4;
    private static final List<String> LIMITS = List.of(
            "carepath.rate-limits.plans.tight.client-per-second=" + CLIENT_PER_SECOND,
            "carepath.rate-limits.plans.tight.client-burst=" + CLIENT_BURST,
            "carepath.rate-limits.plans.tight.tenant-per-second=1000",
            "carepath.rate-limits.plans.tight.tenant-burst=1000",
            "carepath.rate-limits.tenant-plans." + TIGHT_TENANT + "=tight",
            "carepath.rate-limits.plans.small.client-per-second=100",
            "carepath.rate-limits.plans.small.client-burst=100",
            "carepath.rate-limits.plans.small.tenant-per-second=0.5",
            "carepath.rate-limits.plans.small.tenant-burst=4",
            "carepath.rate-limits.tenant-plans." + SMALL_TENANT + "=small",
            "carepath.rate-limits.plans.mcpclient.client-per-second=" + MCP_PER_SECOND,
            "carepath.rate-limits.plans.mcpclient.client-burst=" + MCP_BURST,
            "carepath.rate-limits.plans.mcpclient.tenant-per-second=1000",
            "carepath.rate-limits.plans.mcpclient.tenant-burst=1000",
            "carepath.rate-limits.tenant-plans." + MCP_CLIENT_TENANT + "=mcpclient",
            "carepath.rate-limits.plans.mcptenant.client-per-second=100",
            "carepath.rate-limits.plans.mcptenant.client-burst=100",
            "carepath.rate-limits.plans.mcptenant.tenant-per-second=" + MCP_PER_SECOND,
            "carepath.rate-limits.plans.mcptenant.tenant-burst=" + MCP_BURST,
            "carepath.rate-limits.tenant-plans." + MCP_TENANT + "=mcptenant",
            "carepath.rate-limits.token.per-second=0.2",
            "carepath.rate-limits.token.burst=5",
            "carepath.rate-limits.webhooks.per-second=0.2",
            "carepath.rate-limits.webhooks.burst=3");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Shared by both nodes (made here: @BeforeAll runs before the test's application context exists). */
    private static final String SIGNING_KEYS = signingKeys();
    private static RunningApplication secondPortal;

    @DynamicPropertySource
    static void limitsAndSharedKeys(DynamicPropertyRegistry registry) {
        registry.add("carepath.security.signing-keys", () -> SIGNING_KEYS);
        for (String limit : LIMITS) {
            String[] pair = limit.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    private static String signingKeys() {
        try {
            return new JWKSet(new RSAKeyGenerator(2048).keyID("rate-limit-it").generate()).toString(false);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void startSecondPortal() throws IOException {
        RunningApplication.Launch launch = RunningApplication.jar("portal-second-node",
                        System.getProperty("carepath.portal.jar"))
                .env("CAREPATH_JWT_SIGNING_KEYS", SIGNING_KEYS)
                .arg("--carepath.clinical.url=http://127.0.0.1:9")
                .arg("--carepath.callbacks.dispatch=false")
                .ready("/actuator/health");
        LIMITS.forEach(limit -> launch.arg("--" + limit));
        secondPortal = launch.start();
    }

    @AfterAll
    static void stopSecondPortal() {
        if (secondPortal != null) {
            secondPortal.close();
        }
    }

    private record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Answer getAt(String baseUrl, String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private String here() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void oneClientsRequestsAreLimitedAtTheConfiguredRateAcrossTwoPortalNodes() {
        UUID journey = startJourney(TIGHT_TENANT);
        String token = token(provisionedClient(TIGHT_TENANT, AGENT_SCOPES));
        String path = "/v1/journeys/" + journey;
        List<String> nodes = List.of(here(), secondPortal.url());

        int sent = 0;
        int ok = 0;
        int limited = 0;
        int[] okPerNode = new int[2];
        int[] limitedPerNode = new int[2];
        long started = System.nanoTime();
        long budget = Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() - started < budget && sent < 4000) {
            int node = sent % 2;
            Answer answer = getAt(nodes.get(node), path, token);
            sent++;
            if (answer.status() == 200) {
                ok++;
                okPerNode[node]++;
                assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"client\";q=5;w=3");
                assertThat(answer.header("RateLimit")).matches("\"client\";r=\\d+;t=\\d+");
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(429);
                limited++;
                limitedPerNode[node]++;
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.body()).contains("\"type\":\"https://carepath.dev/problems/rate-limited\"");
                assertThat(Long.parseLong(answer.header("Retry-After"))).isEqualTo(1L);
                assertThat(answer.header("RateLimit")).matches("\"client\";r=0;t=\\d+");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double allowedAtMost = CLIENT_BURST + CLIENT_PER_SECOND * seconds;
        System.out.printf("rate limit across two portal nodes: %d requests in %.2f s (%.0f/s), %d x 200"
                        + " (node 1: %d, node 2: %d), %d x 429 (node 1: %d, node 2: %d); configured %.1f/s with bursts of %d:"
                        + " at most %.1f allowed; observed %.2f/s allowed after the burst%n",
                sent, seconds, sent / seconds, ok, okPerNode[0], okPerNode[1], limited, limitedPerNode[0],
                limitedPerNode[1], CLIENT_PER_SECOND, CLIENT_BURST, allowedAtMost, (ok - CLIENT_BURST) / seconds);

        // Enough traffic to go over the limit many times, on both nodes.
        assertThat((double) sent).isGreaterThan(allowedAtMost + 10);
        assertThat(okPerNode[0]).isPositive();
        assertThat(okPerNode[1]).isPositive();
        assertThat(limitedPerNode[0]).isPositive();
        assertThat(limitedPerNode[1]).isPositive();
        // One bucket for both nodes: never more than the burst plus the refill (two separate buckets would allow
        // nearly twice as much), and not much less either.
        assertThat((double) ok).isLessThanOrEqualTo(allowedAtMost + 1);
        assertThat((double) ok).isGreaterThanOrEqualTo(0.8 * allowedAtMost - 2);
    }

    @Test
    void aTenantsClientsShareTheTenantsBucket() {
        String first = token(provisionedClient(SMALL_TENANT, AGENT_SCOPES));
        String second = token(provisionedClient(SMALL_TENANT, AGENT_SCOPES));
        String path = "/v1/journeys/" + UUID.randomUUID();

        int allowed = 0;
        Answer refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            Answer answer = getAt(i % 2 == 0 ? here() : secondPortal.url(), path, i % 2 == 0 ? first : second);
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertThat(answer.status()).isEqualTo(404);
                allowed++;
            }
        }

        double seconds = (System.nanoTime() - started) / 1e9;

        // The tenant's bucket holds 4 and gains one every 2 s; each client alone could send 100.
        assertThat((double) allowed).isBetween(4.0, 4 + 0.5 * seconds + 1);
        assertThat(refused).as("12 requests in %.1f s", seconds).isNotNull();
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"tenant\";q=4;w=8");
    }

    /** One HTTP request of an MCP client: a JSON-RPC message POSTed to {@code /mcp} (streamable HTTP). */
    private Answer mcp(String token, String session, String message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(here() + "/mcp")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return send(request.build());
    }

    /** Opens an MCP session (initialize, initialized) and answers its id. */
    private String mcpSession(String token) {
        Answer initialized = mcp(token, null, """
                {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
                 "capabilities": {}, "clientInfo": {"name": "rate-limit-it", "version": "1"}}}""");
        assertThat(initialized.status()).as(initialized.body()).isEqualTo(200);
        String session = initialized.header("Mcp-Session-Id");
        assertThat(mcp(token, session, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}").status())
                .isEqualTo(202);
        return session;
    }

    private static String getJourneyCall(int id, UUID journey) {
        return "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"method\": \"tools/call\", \"params\": {\"name\":"
                + " \"get_journey\", \"arguments\": {\"journeyId\": \"" + journey + "\"}}}";
    }

    private static void assertLimited(Answer answer, String policy) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://carepath.dev/problems/rate-limited\"");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
        assertThat(answer.header("RateLimit")).startsWith("\"" + policy + "\";r=0;");
    }

    @Test
    void mcpToolCallsSpendFromTheClientsBucketLikeItsRestCalls() {
        UUID journey = startJourney(MCP_CLIENT_TENANT);
        String token = token(provisionedClient(MCP_CLIENT_TENANT, AGENT_SCOPES));
        String session = mcpSession(token);

        int ok = 2;
        Answer refusedToolCall = null;
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            // The same client, turn about: a REST read of the journey, an MCP tool call reading it.
            Answer answer = i % 2 == 0 ? getAt(here(), "/v1/journeys/" + journey, token)
                    : mcp(token, session, getJourneyCall(i, journey));
            if (answer.status() == 200) {
                ok++;
            } else {
                assertLimited(answer, "client");
                if (i % 2 == 1) {
                    refusedToolCall = answer;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // One bucket for both doors: the burst of 4 (the session's two requests included), then one every 5 s.
        assertThat((double) ok).as("in %.1f s", seconds).isLessThanOrEqualTo(MCP_BURST + MCP_PER_SECOND * seconds + 1);
        assertThat(refusedToolCall).as("a tool call over the limit, in %.1f s", seconds).isNotNull();
        assertThat(refusedToolCall.header("RateLimit-Policy")).matches("\"client\";q=4;w=\\d+");
    }

    @Test
    void mcpToolCallsSpendFromTheTenantsBucketSharedWithItsOtherClients() {
        String rest = token(provisionedClient(MCP_TENANT, AGENT_SCOPES));
        String agent = token(provisionedClient(MCP_TENANT, AGENT_SCOPES));
        UUID journey = UUID.randomUUID();
        String session = mcpSession(agent);
        assertThat(getAt(here(), "/v1/journeys/" + journey, rest).status()).isEqualTo(404);

        int allowed = 3;
        Answer refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            Answer answer = mcp(agent, session, getJourneyCall(i + 1, journey));
            if (answer.status() == 200) {
                allowed++;
            } else {
                assertLimited(answer, "tenant");
                refused = answer;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // The tenant's bucket holds 4 and gains one every 5 s; each client alone could send 100 a second.
        assertThat((double) allowed).as("in %.1f s", seconds).isBetween(4.0, MCP_BURST + MCP_PER_SECOND * seconds + 1);
        assertThat(refused).isNotNull();
        assertThat(refused.header("RateLimit-Policy")).matches("\"tenant\";q=4;w=\\d+");
    }

    @Test
    void theTokenEndpointLimitsEachClientId() {
        // A client id nobody has: refused without hashing a secret, so the loop is quick even on a loaded machine.
        String basic = Base64.getEncoder().encodeToString(
                ("guess-" + UUID.randomUUID() + ":wrong-secret").getBytes(StandardCharsets.UTF_8));

        int unauthorized = 0;
        int limited = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(here() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
            if (answer.status() == 429) {
                limited++;
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"token\";q=5;w=25");
            } else {
                assertThat(answer.status()).isEqualTo(401);
                unauthorized++;
            }
        }

        double seconds = (System.nanoTime() - started) / 1e9;

        // Guessing a secret: 5 tries, then one every 5 s.
        assertThat((double) unauthorized).as("in %.1f s", seconds).isBetween(5.0, 5 + 0.2 * seconds + 1);
        assertThat(limited).isEqualTo(12 - unauthorized).isPositive();
        // Another client id has its own bucket.
        assertThat(tokenResponse(provisionedClient(newTenant(), AGENT_SCOPES)).status()).isEqualTo(200);
    }

    @Test
    void eachPartnersWebhookIngressHasItsOwnLimit() {
        String partner = "net-" + UUID.randomUUID().toString().substring(0, 8);
        int limited = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(here() + "/webhooks/telehealth/" + partner))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            if (answer.status() == 429) {
                limited++;
                assertThat(answer.body()).contains("rate-limited");
            } else {
                assertThat(answer.status()).isEqualTo(401);
            }
        }

        double seconds = (System.nanoTime() - started) / 1e9;

        // 3 at once, then one every 5 s.
        assertThat((double) (8 - limited)).as("in %.1f s", seconds).isBetween(3.0, 3 + 0.2 * seconds + 1);
        assertThat(limited).isPositive();
        Answer other = send(HttpRequest.newBuilder(URI.create(here() + "/webhooks/telehealth/" + partner + "-b"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(other.status()).isEqualTo(401);
    }
}
