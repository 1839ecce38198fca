package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.carepath.eventing.testing.TcpProxy;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A clinical store that is down, fails (5xx) or does not answer in time: the agent gets a 503
 * {@code clinical-unavailable} problem for an intake and for a prescription read, within the configured read
 * timeout, and neither the answer nor the portal's log shows what the failing store said or what the agent sent,
 * nor a stack trace. The store is an HTTP server of this test that answers as told (a failing store cannot be made
 * from the real job-workers on purpose), behind a {@link TcpProxy} that cuts it off to make it "down".
 */
@ExtendWith(OutputCaptureExtension.class)
class ClinicalStoreFailuresIT extends PortalIntegrationSupport {

    private static HttpServer store;
    private static TcpProxy network;
    private static volatile Behaviour behaviour;
    private static final CountDownLatch RELEASE_HUNG_CALLS = new CountDownLatch(1);

    private enum Behaviour { FAIL, HANG, ACCEPT }

    /** Intakes the store took while it accepted them. */
    private static final AtomicInteger TAKEN = new AtomicInteger();

    /** What the failing store puts in its answer: it must reach neither the agent nor the log. */
    private static final String STORE_SAYS = "store-internal-detail-7f3a";

    @BeforeAll
    static void startTheStore() throws IOException {
        store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        store.setExecutor(Executors.newCachedThreadPool());
        store.createContext("/", ClinicalStoreFailuresIT::answer);
        store.start();
        network = new TcpProxy("127.0.0.1", store.getAddress().getPort());
    }

    @AfterAll
    static void stopTheStore() {
        RELEASE_HUNG_CALLS.countDown();
        network.close();
        store.stop(0);
    }

    @DynamicPropertySource
    static void clinicalStore(DynamicPropertyRegistry registry) {
        registry.add("carepath.clinical.url", () -> "http://127.0.0.1:" + network.port());
        registry.add("carepath.clinical.read-timeout", () -> "1s");
    }

    @AfterEach
    void calm() {
        behaviour = null;
        network.restore();
    }

    @Test
    void aClinicalStoreThatIsDownIs503(CapturedOutput log) {
        network.cut();

        assertUnavailable(log, "clinical store unreachable");
    }

    @Test
    void aFailingClinicalStoreIs503AndItsAnswerIsNotPassedOn(CapturedOutput log) {
        behaviour = Behaviour.FAIL;

        assertUnavailable(log, "failed the intake with 500", "failed the prescription read with 500");
    }

    @Test
    void aClinicalStoreThatDoesNotAnswerInTimeIs503(CapturedOutput log) {
        behaviour = Behaviour.HANG;

        assertUnavailable(log, "clinical store unreachable: HttpTimeoutException");
    }

    /**
     * A one-call start while the clinical store is down: the journey is stored (503 names it, no second one on the
     * retry), and the same request with the same key, once the store is back, hands the intake over: 202, replayed.
     */
    @Test
    void aOneCallStartWhileTheClinicalStoreIsDownKeepsTheJourneyAndTheSameRequestAgainGivesTheIntake(
            CapturedOutput log) {
        String tenant = newTenant();
        String sentinel = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"tenantId": "%1$s", "patientReference": "pat-%2$s", "therapy": "semaglutide", "stateCode": "TX",
                 "paymentToken": "tok_visa_4242", "intake": {"givenName": "Given-%2$s", "familyName": "Family-%2$s",
                 "dateOfBirth": "1984-03-02", "address": "%2$s Sentinel Street", "email": "patient-%2$s@example.com",
                 "heightCm": 170, "weightKg": 95}}""".formatted(tenant, sentinel);
        Map<String, String> key = Map.of("Idempotency-Key", "one-call-" + sentinel);
        network.cut();

        Response down = post("/v1/journeys", key, body).assertProblem(503, "clinical-unavailable");
        String journeyId = down.json().path("journeyId").asText();
        assertThat(down.header("Location")).isEqualTo("/v1/journeys/" + journeyId);
        assertThat(get("/v1/journeys/" + journeyId, agentToken(tenant)).status()).as("the journey is stored")
                .isEqualTo(200);

        network.restore();
        behaviour = Behaviour.ACCEPT;
        int takenBefore = TAKEN.get();
        Response retried = post("/v1/journeys", key, body);

        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().path("journeyId").asText()).isEqualTo(journeyId);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(TAKEN.get()).as("the intake handed over on the retry").isEqualTo(takenBefore + 1);
        assertThat(count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenant))
                .as("one journey, not two").isEqualTo(1);
        assertThat(down.body()).doesNotContain(sentinel);
        assertThat(log.getAll()).doesNotContain(sentinel);
    }

    private void assertUnavailable(CapturedOutput log, String... logged) {
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
            assertThat(answer.body()).doesNotContain(sentinel).doesNotContain(STORE_SAYS).doesNotContain("Exception")
                    .doesNotContain("at dev.");
        }
        assertThat(log.getAll()).contains(logged).doesNotContain(sentinel).doesNotContain(STORE_SAYS);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (behaviour == Behaviour.HANG) {
                try {
                    RELEASE_HUNG_CALLS.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (behaviour == Behaviour.ACCEPT) {
                TAKEN.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] body = ("{\"detail\": \"" + STORE_SAYS + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
