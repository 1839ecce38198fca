package dev.carepath.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.simulator.PartnerSimulatorApplication;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Runs the real partner simulator in-process on a random port, once for all integration tests (they share this
 * configuration, so Spring caches the context), with short visit and shipping delays and its webhooks going to a
 * {@link WebhookReceiver}. A prescription is dispensed half a second after it is accepted, long enough for a test
 * to cancel it first; a parcel stays on its way for a second, long enough for a test to act on it before it is
 * delivered. State is shared too: tests use fresh keys and look at their own ledger lines; faults are
 * restored after every test.
 */
@SpringBootTest(classes = PartnerSimulatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + PartnerSimulatorApplication.CONFIG_NAME,
                "simulator.telehealth.visit-completion-delay=300ms",
                "simulator.pharmacy.dispense-delay=500ms",
                "simulator.pharmacy.ship-delay=200ms",
                "simulator.pharmacy.deliver-delay=1s",
                "simulator.payments.merchant-keys[0].processor=" + SimulatorTestBase.KEYED_PROCESSOR,
                "simulator.payments.merchant-keys[0].merchant-account=" + SimulatorTestBase.KEYED_MERCHANT,
                "simulator.payments.merchant-keys[0].key=" + SimulatorTestBase.MERCHANT_KEY})
public abstract class SimulatorTestBase {

    /** A merchant account its processor issued an API key to: it is served only with that key. */
    protected static final String KEYED_PROCESSOR = "keystone-payments";
    protected static final String KEYED_MERCHANT = "acct_keyed";
    protected static final String MERCHANT_KEY = "sk_test_keyed_4b1f";

    /** Receives every webhook the simulator sends during the tests. */
    protected static final WebhookReceiver WEBHOOKS = WebhookReceiver.start();
    /** The adapters' read timeout in these tests: well above the default injected latency (5-30 ms). */
    protected static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    /** Injected latency that outlasts {@link #READ_TIMEOUT}. */
    protected static final long SLOW_PARTNER_MS = 1_200;

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void webhookTarget(DynamicPropertyRegistry registry) {
        registry.add("simulator.webhooks.target-url", WEBHOOKS::url);
    }

    @AfterEach
    void restoreConfiguredFaults() {
        simulator().delete().uri("/admin/faults").retrieve().toBodilessEntity();
    }

    /** The adapters' HTTP client, pointed at the simulator. */
    protected PartnerHttp partnerHttp() {
        return PartnerHttp.create(RestClient.builder(),
                new PartnerProperties("http://127.0.0.1:" + port, Duration.ofSeconds(1), READ_TIMEOUT));
    }

    /** A plain client for the simulator's own endpoints. */
    protected RestClient simulator() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** {@code POST /admin/faults/{kind}}, e.g. {@code {"errorRate": 1.0}}. */
    protected void injectFaults(PartnerKind kind, String settings) {
        simulator().post().uri("/admin/faults/{kind}", kind.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(settings)
                .retrieve()
                .toBodilessEntity();
    }

    protected void makeSlowerThanTheReadTimeout(PartnerKind kind) {
        injectFaults(kind, "{\"latencyMs\": {\"min\": " + SLOW_PARTNER_MS + ", \"max\": " + SLOW_PARTNER_MS + "}}");
    }

    /** The timeout fault for every request: handled as usual, answered only after {@link #SLOW_PARTNER_MS}. */
    protected void loseEveryAnswer(PartnerKind kind) {
        injectFaults(kind, "{\"timeoutRate\": 1.0, \"timeoutMs\": " + SLOW_PARTNER_MS + "}");
    }

    /** {@code POST /admin/faults/profile/{name}}; returns the faults now in force. */
    protected JsonNode applyFaultProfile(String name) {
        try {
            return JSON.readTree(simulator().post().uri("/admin/faults/profile/{name}", name)
                    .retrieve().body(String.class));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot apply fault profile " + name, e);
        }
    }

    protected JsonNode getJson(String path) {
        try {
            return JSON.readTree(simulator().get().uri(path).retrieve().body(String.class));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
    }

    /** The elements of a JSON array that match. */
    protected static List<JsonNode> select(JsonNode array, Predicate<JsonNode> matching) {
        return StreamSupport.stream(array.spliterator(), false).filter(matching).toList();
    }

    protected static Predicate<JsonNode> field(String name, String value) {
        return node -> value.equals(node.path(name).asText());
    }
}
