package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.eventing.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the portal's integration tests: the whole deployable on a random port against the local
 * PostgreSQL ({@code carepath_test}) and RabbitMQ (vhost {@code carepath_test}). Every test works on its
 * own tenant and random ids, so tests never depend on what earlier runs left in the tables.
 *
 * <p>Authentication as a real agent does it: {@link #post}, {@link #postAsync} and {@link #get} on
 * {@code /v1/**} send a bearer token of the tenant named in the body ({@code tenantId}; for a GET, the
 * tenant of this test's last POST). On first use of a tenant the support provisions it through the admin
 * API (every therapy in every state), creates a client with {@code journeys:write journeys:read} and takes
 * a token from {@code /oauth2/token}. {@link #asStaff} sends the platform client's token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
public abstract class PortalIntegrationSupport {

    protected static final Duration EVENTUALLY = Duration.ofSeconds(20);

    /** The tenant of requests whose body names none (malformed bodies). */
    protected static final String DEFAULT_TENANT = "it-default";

    /** The scopes of a tenant's standard agent client. */
    protected static final List<String> AGENT_SCOPES = List.of("journeys:write", "journeys:read");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> THERAPIES = List.of("semaglutide", "tirzepatide");
    private static final List<String> STATES = List.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
            "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
            "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC");

    /**
     * Tokens by test context and tenant (each test context signs with its own key), renewed before expiry. By the
     * context, not its port: a context closed by the cache frees its port for the next.
     */
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAfter) {
    }

    /** A machine client as the admin API created it. */
    protected record Client(String clientId, String clientSecret) {
    }

    @LocalServerPort
    protected int port;

    /** The test's view of the stored rows: the database superuser, past row-level security. */
    protected JdbcTemplate jdbc;

    @Autowired
    protected ObjectMapper json;

    @Autowired
    private ApplicationContext applicationContext;

    @Value("${carepath.security.platform-client.id}")
    private String platformClientId;

    @Value("${carepath.security.platform-client.secret}")
    private String platformClientSecret;

    private String lastTenant = DEFAULT_TENANT;

    @Autowired
    void inspect(DataSource dataSource) {
        jdbc = TestDatabase.superuser(dataSource);
    }

    /** A tenant id no other test (or earlier run) uses. */
    protected static String newTenant() {
        return "it-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A valid start-journey body for {@code tenantId}. */
    protected static String journeyBody(String tenantId) {
        return journeyBody(tenantId, "pat-" + UUID.randomUUID().toString().substring(0, 8), "semaglutide", "TX",
                "tok_visa_4242");
    }

    protected static String journeyBody(String tenantId, String patientReference, String therapy, String stateCode,
            String paymentToken) {
        return """
                {"tenantId": "%s", "patientReference": "%s", "therapy": "%s", "stateCode": "%s", "paymentToken": "%s"}"""
                .formatted(tenantId, patientReference, therapy, stateCode, paymentToken);
    }

    protected Response post(String path, Map<String, String> headers, byte[] body) {
        return send(asAgent(path, headers, body).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    protected Response post(String path, Map<String, String> headers, String body) {
        return post(path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    protected CompletableFuture<Response> postAsync(String path, Map<String, String> headers, String body) {
        HttpRequest request = asAgent(path, headers, body.getBytes(StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Response(response, json));
    }

    /** A GET; on {@code /v1/**} with the token of this test's last tenant. */
    protected Response get(String path) {
        return get(path, path.startsWith("/v1/") ? agentToken(lastTenant) : null);
    }

    /** A GET with exactly this bearer token ({@code null}: none). */
    protected Response get(String path, String token) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return send(request(path, headers).GET().build());
    }

    /** A PUT of a JSON body with exactly this bearer token ({@code null}: none). */
    protected Response put(String path, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST by platform staff (admin endpoints); {@code headers} may replace the JSON content type. */
    protected Response staffPost(String path, Map<String, String> headers, byte[] body) {
        return send(asStaff(request(path, headers)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    protected Response staffPost(String path, Map<String, String> headers, String body) {
        return staffPost(path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET by platform staff (admin endpoints). */
    protected Response staffGet(String path) {
        return send(asStaff(request(path, Map.of())).GET().build());
    }

    /** A PUT by platform staff (admin endpoints). */
    protected Response staffPut(String path, String body) {
        return send(asStaff(request(path, Map.of())).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A DELETE by platform staff (admin endpoints). */
    protected Response staffDelete(String path) {
        return send(asStaff(request(path, Map.of())).DELETE().build());
    }

    /**
     * Adds platform staff's credentials to a request: a token of the platform client (scope {@code admin})
     * from configuration. The one place tests say who staff are.
     */
    protected HttpRequest.Builder asStaff(HttpRequest.Builder request) {
        Token token = cachedToken(tokenScope() + "/platform", () -> fetchToken(new Client(platformClientId, platformClientSecret)));
        return request.setHeader("Authorization", "Bearer " + token.value());
    }

    /** Starts a journey through the API and returns its id. */
    protected UUID startJourney(String tenantId) {
        Response response = post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                journeyBody(tenantId));
        assertThat(response.status()).isEqualTo(202);
        return UUID.fromString(response.json().path("journeyId").asText());
    }

    /** A token of the tenant's standard agent client ({@link #AGENT_SCOPES}), provisioning it on first use. */
    protected String agentToken(String tenantId) {
        return cachedToken(tokenScope() + "/" + tenantId, () -> fetchToken(provisionedClient(tenantId, AGENT_SCOPES))).value();
    }

    /** Whose tokens: this test's portal context. */
    private String tokenScope() {
        return port + "@" + System.identityHashCode(applicationContext);
    }

    /**
     * The token held under {@code key} while it is fresh, else a new one. Not {@code Map.compute}: fetching an
     * agent's token provisions its client with a staff token, and a nested compute on the same map fails.
     */
    private static Token cachedToken(String key, Supplier<Token> fetch) {
        Token held = TOKENS.get(key);
        if (fresh(held)) {
            return held;
        }
        Token token = fetch.get();
        TOKENS.put(key, token);
        return token;
    }

    /** Provisions {@code tenantId} (every therapy in every state) unless it exists. */
    protected void provision(String tenantId) {
        String entitlements = THERAPIES.stream()
                .map(therapy -> "{\"therapy\": \"" + therapy + "\", \"states\": " + jsonList(STATES) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        Response response = staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "IT %s", "merchantAccount": "acct_it",
                 "callbackUrl": "http://127.0.0.1:9/callback", "entitlements": %s}"""
                .formatted(tenantId, tenantId, entitlements));
        assertThat(response.status()).as("provisioning %s: %s", tenantId, response.body()).isIn(201, 409);
    }

    /** A new client of {@code tenantId} (provisioned first if needed) holding {@code scopes}. */
    protected Client provisionedClient(String tenantId, List<String> scopes) {
        provision(tenantId);
        Response created = staffPost("/v1/admin/tenants/" + tenantId + "/clients", Map.of(),
                "{\"name\": \"it agent\", \"scopes\": " + jsonList(scopes) + "}");
        assertThat(created.status()).as("client of %s: %s", tenantId, created.body()).isEqualTo(201);
        return new Client(created.json().path("clientId").asText(), created.json().path("clientSecret").asText());
    }

    /** The token endpoint's answer to a client-credentials request (client_secret_basic). */
    protected Response tokenResponse(Client client) {
        String basic = Base64.getEncoder().encodeToString(
                (client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    }

    /** An access token of the client. */
    protected String token(Client client) {
        Response response = tokenResponse(client);
        assertThat(response.status()).as("token: %s", response.body()).isEqualTo(200);
        return response.json().path("access_token").asText();
    }

    private Token fetchToken(Client client) {
        // Tokens live 5 minutes; renew well before.
        return new Token(token(client), Instant.now().plus(Duration.ofMinutes(3)));
    }

    private static boolean fresh(Token token) {
        return token != null && token.renewAfter().isAfter(Instant.now());
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The request, with a token of the body's tenant when it goes to the agent API. */
    private HttpRequest.Builder asAgent(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = request(path, headers);
        if (path.startsWith("/v1/") && !path.startsWith("/v1/admin/") && !headers.containsKey("Authorization")) {
            lastTenant = tenantNamedIn(body);
            builder.setHeader("Authorization", "Bearer " + agentToken(lastTenant));
        }
        return builder;
    }

    private String tenantNamedIn(byte[] body) {
        try {
            JsonNode tenant = json.readTree(body).path("tenantId");
            return tenant.isTextual() && tenant.asText().matches("[a-z0-9][a-z0-9-]{1,62}")
                    ? tenant.asText() : DEFAULT_TENANT;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_TENANT;
        }
    }

    protected long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        headers.forEach(builder::setHeader);
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            return new Response(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP response with its body as text and, where it is JSON, parsed. */
    public static final class Response {

        private final HttpResponse<String> response;
        private final ObjectMapper json;

        Response(HttpResponse<String> response, ObjectMapper json) {
            this.response = response;
            this.json = json;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonNode json() {
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        /** Asserts an RFC 9457 problem of {@code status} and type {@code .../problems/<type>}. */
        public Response assertProblem(int status, String type) {
            assertThat(status()).as("status of %s", body()).isEqualTo(status);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asText()).isEqualTo("https://carepath.dev/problems/" + type);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
            return this;
        }
    }
}
