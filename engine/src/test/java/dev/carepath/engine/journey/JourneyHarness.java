package dev.carepath.engine.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.eventing.testing.SharedDeployables;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.web.client.RestClient;

/**
 * Everything around the in-process engine that a journey process test needs, real and over the network: the
 * job-workers deployable ({@code job-workers/target/job-workers.jar}) and the partner simulator (the connectors'
 * {@code -simulator} jar), each a process of its own ({@link RunningApplication}), and the portal's part, played
 * by the test: the intake it forwards to the clinical store, and the events its webhook ingress and agent API
 * publish to {@code carepath.events}.
 *
 * <p>Registered as a static extension of the test class ({@code @RegisterExtension}), it starts both processes
 * before the first test (once the engine listens: the workers poll it from their start), with the workers pointed
 * at the engine, the simulator and the tests' database and virtual host. Both are shared by every class of the
 * module run that uses the harness ({@link SharedDeployables}; the engine context is the same cached one) and
 * stopped when the run ends; the workers take every task of the engine, so these classes are marked
 * {@link dev.carepath.eventing.testing.UsesSharedDeployables} and run after the others. Tests stay apart by their own
 * tenants and orders. After each test it heals the partners' faults and clears the sandbox scenarios.
 *
 * <p>The simulator decides nothing by chance here: visits are prescribed and doses tolerated unless an order's
 * sandbox scenario says otherwise ({@link #scenario}), and it acts within a second. Its webhooks go nowhere: the
 * test reads what a partner did from its ledger and hands the engine the event the portal would have published
 * ({@link #publish}).
 */
final class JourneyHarness implements BeforeEachCallback, AfterEachCallback {

    /** How long one journey step may take on a loaded machine: a worker's poll, a partner's delay, a relay. */
    static final Duration STEP = Duration.ofSeconds(90);

    private static final String EXCHANGE = "carepath.events";
    /** The clinical-intake service credential, as the job-workers read it (their local defaults otherwise). */
    private static final String INTAKE_USER = System.getenv().getOrDefault("CAREPATH_CLINICAL_INTAKE_USER",
            "clinical-intake");
    private static final String INTAKE_PASSWORD = System.getenv().getOrDefault("CAREPATH_CLINICAL_INTAKE_PASSWORD",
            "intake-local");

    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec();
    private RunningApplication simulator;
    private RunningApplication workers;
    private RestClient partners;
    private RabbitTemplate rabbit;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ApplicationContext engine = SpringExtension.getApplicationContext(context);
        rabbit = engine.getBean(RabbitTemplate.class);
        if (simulator == null) {
            simulator = SharedDeployables.shared(context, "engine-journey-simulator", JourneyHarness::startSimulator);
            partners = RestClient.create(simulator.url());
        }
        if (workers == null) {
            String engineUrl = "http://127.0.0.1:" + engine.getEnvironment().getRequiredProperty("local.server.port");
            String partnersUrl = simulator.url();
            workers = SharedDeployables.shared(context, "engine-journey-workers " + engineUrl,
                    () -> startWorkers(engineUrl, partnersUrl));
        }
    }

    private static RunningApplication startSimulator() throws IOException {
        return RunningApplication.jar("partner-simulator", System.getProperty("carepath.simulator.jar"))
                .maxHeap("256m")
                .arg("--simulator.telehealth.visit-completion-delay=300ms")
                .arg("--simulator.telehealth.not-prescribed-probability=0")
                .arg("--simulator.telehealth.not-tolerated-probability=0")
                .arg("--simulator.pharmacy.dispense-delay=300ms")
                .arg("--simulator.pharmacy.ship-delay=300ms")
                .arg("--simulator.pharmacy.deliver-delay=600ms")
                // The test plays the portal's webhook ingress from the ledgers; port 9 (discard) takes nothing.
                .arg("--simulator.webhooks.target-url=http://127.0.0.1:9")
                .arg("--simulator.webhooks.max-attempts=1")
                .ready("/admin/faults")
                .start();
    }

    private static RunningApplication startWorkers(String engineUrl, String partnersUrl) throws IOException {
        return RunningApplication.jar("job-workers", System.getProperty("carepath.workers.jar"))
                .env("CAREPATH_ENGINE_URL", engineUrl)
                .env("CAREPATH_PARTNERS_URL", partnersUrl)
                // Quick retries, so an outage becomes an incident within a second or two.
                .arg("--carepath.workers.retries.attempts=3")
                .arg("--carepath.workers.retries.initial-backoff=250ms")
                .arg("--carepath.workers.retries.max-backoff=1s")
                // The processor-outage test fails every call to northpay: its circuit must not stay open for
                // the staff retry after the partner is healed (the breaker is not what these tests are about).
                .arg("--carepath.partners.circuit-breaker.minimum-number-of-calls=1000")
                .ready("/actuator/health")
                .start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (partners != null) {
            healFaults();
            partners.delete().uri("/admin/scenarios").retrieve().toBodilessEntity();
        }
    }

    // ---- the portal's part

    /**
     * Stores the order's intake in the clinical store, through the job-workers' internal endpoint with the
     * clinical-intake service credential, as the portal forwards it with the start request.
     */
    void storeIntake(String tenant, String orderId, Map<String, Object> intake) {
        HttpStatusCode status = RestClient.create(workers.url()).put()
                .uri("/internal/clinical/intakes/{tenant}/{order}", tenant, orderId)
                .headers(headers -> headers.setBasicAuth(INTAKE_USER, INTAKE_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).body(intake).retrieve().toBodilessEntity().getStatusCode();
        if (status.value() != 204) {
            throw new IllegalStateException("the clinical store refused the intake: " + status);
        }
    }

    /** Publishes an event of the order as the portal does: to {@code carepath.events}, routing key = type. */
    void publish(String type, String tenant, String orderId, Map<String, Object> data) {
        DomainEvent event = new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/carepath/portal/it"),
                orderId, tenant, 1, OffsetDateTime.now(ZoneOffset.UTC), null, data);
        rabbit.send(EXCHANGE, type, new Message(codec.encode(event)));
    }

    // ---- the partners: sandbox scenarios, faults, ledgers

    /** {@code PUT /admin/scenarios/{orderId}}: what the partners do for this order (see the simulator). */
    void scenario(String orderId, Map<String, Object> scenario) {
        partners.put().uri("/admin/scenarios/{orderId}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(scenario).retrieve().toBodilessEntity();
    }

    /** {@code POST /admin/faults/{kind}}, e.g. {@code payments} with {@code {"errorRate": 1.0}}. */
    void faults(String kind, Map<String, Object> change) {
        partners.post().uri("/admin/faults/{kind}", kind).contentType(MediaType.APPLICATION_JSON)
                .body(change).retrieve().toBodilessEntity();
    }

    /** {@code DELETE /admin/faults}: every partner answers again. */
    void healFaults() {
        partners.delete().uri("/admin/faults").retrieve().toBodilessEntity();
    }

    /** The processors' charges and refunds for the order (its idempotency keys name it), in ledger order. */
    List<JsonNode> payments(String orderId) {
        return select(ledger("/payments/ledger"), entry -> entry.path("idempotencyKey").asText().contains(orderId));
    }

    /** The visits booked for the order, in booking order. */
    List<JsonNode> visits(String orderId) {
        return select(ledger("/telehealth/ledger"), visit -> orderId.equals(visit.path("clientReference").asText()));
    }

    /**
     * One part of the pharmacies' ledger for the order: {@code prescriptions}, {@code rejections},
     * {@code dispenses}, {@code cancellations} or {@code shipments}.
     */
    List<JsonNode> pharmacy(String part, String orderId) {
        return select(ledger("/erx/ledger").path(part),
                entry -> orderId.equals(entry.path("clientReference").asText()));
    }

    /** The carriers' parcel with this tracking number, with its scans. */
    JsonNode parcel(String trackingNumber) {
        return select(ledger("/shipping/ledger"), parcel -> trackingNumber.equals(parcel.path("trackingNumber").asText()))
                .stream().findFirst().orElseThrow(() -> new AssertionError("no parcel " + trackingNumber));
    }

    /** The messages sent to the order's patient (their idempotency keys name the order), in sending order. */
    List<JsonNode> messages(String orderId) {
        return select(ledger("/messaging/ledger"), message -> message.path("idempotencyKey").asText().contains(orderId));
    }

    /** The prescription a network's provider wrote in a visit, as the network returns it (PHI). */
    JsonNode prescription(String network, String visitId) {
        return ledger("/telehealth/" + network + "/visits/" + visitId + "/prescription");
    }

    /** What the job-workers wrote to their log since they started. */
    String workersOutput() {
        return workers.output();
    }

    private JsonNode ledger(String path) {
        try {
            return json.readTree(partners.get().uri(path).retrieve().body(String.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static List<JsonNode> select(JsonNode array, Predicate<JsonNode> matching) {
        return StreamSupport.stream(array.spliterator(), false).filter(matching).toList();
    }
}
