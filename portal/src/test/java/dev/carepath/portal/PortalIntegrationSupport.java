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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the portal's integration tests: the whole deployable on a random port against the local
 * PostgreSQL ({@code carepath_test}) and RabbitMQ (vhost {@code carepath_test}). Every test works on its
 * own tenant and random ids, so tests never depend on what earlier runs left in the tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
public abstract class PortalIntegrationSupport {

    protected static final Duration EVENTUALLY = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    /** The test's view of the stored rows: the database superuser, past row-level security. */
    protected JdbcTemplate jdbc;

    @Autowired
    void inspect(DataSource dataSource) {
        jdbc = TestDatabase.superuser(dataSource);
    }

    @Autowired
    protected ObjectMapper json;

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
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    protected Response post(String path, Map<String, String> headers, String body) {
        return post(path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    protected CompletableFuture<Response> postAsync(String path, Map<String, String> headers, String body) {
        HttpRequest request = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Response(response, json));
    }

    protected Response get(String path) {
        return send(request(path, Map.of()).GET().build());
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

    /**
     * Adds platform staff's credentials to a request. The one place tests say who staff are, so admin
     * endpoint tests do not change when the way staff authenticate does.
     */
    protected HttpRequest.Builder asStaff(HttpRequest.Builder request) {
        return request;
    }

    /** Starts a journey through the API and returns its id. */
    protected UUID startJourney(String tenantId) {
        Response response = post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                journeyBody(tenantId));
        assertThat(response.status()).isEqualTo(202);
        return UUID.fromString(response.json().path("journeyId").asText());
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
