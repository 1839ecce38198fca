package dev.carepath.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's front door as an agent meets it: provisions one tenant (entitled to semaglutide in Texas, its
 * callback URL the simulator's webhook receiver, which learns its signing secret) with one machine client, then
 * offers each journey as one {@code POST /v1/journeys} with the intake inline, without waiting for the answer.
 */
final class PlatformJourneys implements LoadSteps.Journeys {

    private static final String TENANT = "bench-health";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String portal;
    private final int cycles;
    private final String client;
    private volatile String token;
    private volatile long tokenAt;
    private final AtomicInteger refused = new AtomicInteger();

    PlatformJourneys(String portal, String simulator, String platformClient, int cycles)
            throws IOException, InterruptedException {
        this.portal = portal;
        this.cycles = cycles;
        String admin = token(platformClient);
        Map<String, Object> tenant = Map.of("tenantId", TENANT, "name", TENANT, "merchantAccount", "acct_bench",
                "callbackUrl", simulator + "/callbacks/" + TENANT,
                "entitlements", List.of(Map.of("therapy", "semaglutide", "states", List.of("TX"))));
        HttpResponse<String> created = send(post("/v1/admin/tenants", admin, tenant));
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("the portal did not create the tenant: " + created.statusCode() + " "
                    + created.body());
        }
        String secret = json.readTree(check(send(post("/v1/admin/tenants/" + TENANT + "/webhook-secret/rotation",
                admin, Map.of()))).body()).path("secret").asText();
        check(send(HttpRequest.newBuilder(URI.create(simulator + "/admin/callbacks/" + TENANT + "/secrets"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("secrets", List.of(secret)))))
                .build()));
        JsonNode agent = json.readTree(check(send(post("/v1/admin/tenants/" + TENANT + "/clients", admin,
                Map.of("name", "bench agent", "scopes", List.of("journeys:write", "journeys:read"))))).body());
        client = agent.path("clientId").asText() + ":" + agent.path("clientSecret").asText();
        renewToken();
    }

    @Override
    public void offer(String journeyId) {
        if (System.currentTimeMillis() - tokenAt > 240_000) {
            try {
                renewToken();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("no token: " + e.getMessage(), e);
            }
        }
        Map<String, Object> intake = Map.of("givenName", "Bench", "familyName", "Patient", "dateOfBirth", "1980-05-02",
                "address", "1 Bench Street", "email", "bench.patient@example.com", "heightCm", 172, "weightKg", 98,
                "comorbidities", List.of(), "contraindications", List.of());
        Map<String, Object> body = Map.of("patientReference", journeyId, "therapy", "semaglutide", "stateCode", "TX",
                "paymentToken", "tok_bench_" + journeyId.replace('-', '_'), "cycles", cycles, "intake", intake);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(portal + "/v1/journeys"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", journeyId).header("X-Bench-Journey", journeyId)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        send(request, journeyId, 1);
    }

    /**
     * A 503 (the journey is stored, the clinical store could not take its intake) is answered as the demo answers it:
     * the same request with the same Idempotency-Key 2 s later, up to 5 times; it finds the journey and hands the
     * intake over again.
     */
    private void send(HttpRequest request, String journeyId, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() == 503 && attempt < 5) {
                java.util.concurrent.CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS)
                        .execute(() -> send(request, journeyId, attempt + 1));
                return;
            }
            if (failure != null || response.statusCode() != 202) {
                int n = refused.incrementAndGet();
                if (n <= 5) {
                    System.out.println("  POST /v1/journeys: " + (failure != null ? failure.getMessage()
                            : response.statusCode() + " " + response.body()));
                }
            } else {
                try {
                    ids.put(journeyId, json.readTree(response.body()).path("journeyId").asText());
                } catch (IOException e) {
                    refused.incrementAndGet();
                }
            }
        });
    }

    /** The portal names the journey: our offer id to the portal's journey id (the engine's business key). */
    private final ConcurrentHashMap<String, String> ids = new ConcurrentHashMap<>();

    @Override
    public String businessKey(String offerId) {
        return ids.get(offerId);
    }

    int refused() {
        return refused.get();
    }

    private void renewToken() throws IOException, InterruptedException {
        token = token(client);
        tokenAt = System.currentTimeMillis();
    }

    private String token(String credentials) throws IOException, InterruptedException {
        HttpResponse<String> response = check(send(HttpRequest.newBuilder(URI.create(portal + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("client_credentials",
                        StandardCharsets.UTF_8))).build()));
        return json.readTree(response.body()).path("access_token").asText();
    }

    private HttpRequest post(String path, String bearer, Object body) throws IOException {
        return HttpRequest.newBuilder(URI.create(portal + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().uri().getPath() + " answered " + response.statusCode()
                    + " " + response.body());
        }
        return response;
    }
}
