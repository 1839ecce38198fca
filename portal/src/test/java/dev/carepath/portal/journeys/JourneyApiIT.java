package dev.carepath.portal.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.client.ApiResponse;
import dev.carepath.contracts.client.api.JourneysApi;
import dev.carepath.contracts.client.model.Journey;
import dev.carepath.contracts.client.model.JourneyAccepted;
import dev.carepath.contracts.client.model.StartJourneyRequest;
import dev.carepath.contracts.client.model.TimelineEntry;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.ContractClient;
import dev.carepath.portal.PortalIntegrationSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class JourneyApiIT extends PortalIntegrationSupport {

    private static final String PATIENT = "pat-7Q2XK9";
    private static final String TOKEN = "tok_visa_4242_it";

    @Autowired
    AmqpAdmin amqp;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    private long orders(String tenantId) {
        return count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenantId);
    }

    private long outboxRows(String tenantId) {
        return count("SELECT count(*) FROM orders.outbox WHERE tenant_id = ?", tenantId);
    }

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    /** The agent API of the tenant's agent, through the Java client generated from the contract. */
    private JourneysApi agent(String tenant) {
        return new JourneysApi(ContractClient.bearer(port, agentToken(tenant)));
    }

    private static StartJourneyRequest order(String tenant, String therapy, String stateCode) {
        return new StartJourneyRequest().tenantId(tenant).patientReference(PATIENT).therapy(therapy)
                .stateCode(stateCode).paymentToken(TOKEN);
    }

    private ApiResponse<JourneyAccepted> start(String tenant, String key, StartJourneyRequest request) {
        return ContractClient.ok(() -> agent(tenant).startJourneyWithHttpInfo(key, request));
    }

    @Test
    void startingAJourneyStoresTheOrderWithItsEventAndPublishesIt() {
        String tenant = newTenant();
        // Listen before posting: a temporary queue on the backbone's exchange for order.created.
        Queue queue = new Queue("portal-it-" + UUID.randomUUID(), false, true, false);
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange("carepath.events"))
                .with(EventTypes.ORDER_CREATED));
        try {
            ApiResponse<JourneyAccepted> response = start(tenant, "agent-1:" + UUID.randomUUID(),
                    order(tenant, "tirzepatide", "CA"));

            assertThat(response.getStatusCode()).isEqualTo(202);
            UUID journeyId = response.getData().getJourneyId();
            assertThat(response.getData().getStatus()).isEqualTo("RECEIVED");
            assertThat(response.getHeaders().get("Location")).containsExactly("/v1/journeys/" + journeyId);

            Map<String, Object> order = jdbc.queryForMap("SELECT * FROM orders.journey_order WHERE id = ?", journeyId);
            assertThat(order).containsEntry("tenant_id", tenant).containsEntry("patient_reference", PATIENT)
                    .containsEntry("therapy", "tirzepatide").containsEntry("state_code", "CA")
                    .containsEntry("payment_token", TOKEN).containsEntry("cycle", 1);
            assertThat((String) order.get("request_hash")).hasSize(64);
            assertThat(jdbc.queryForList("SELECT event_type FROM orders.outbox WHERE aggregate_id = ?", String.class,
                    journeyId.toString())).containsExactly(EventTypes.ORDER_CREATED);

            AtomicReference<Message> published = new AtomicReference<>();
            await().atMost(EVENTUALLY).until(() -> {
                for (Message m = rabbit.receive(queue.getName()); m != null; m = rabbit.receive(queue.getName())) {
                    if (codec.decode(m.getBody()).subject().equals(journeyId.toString())) {
                        published.set(m);
                        return true;
                    }
                }
                return false;
            });

            String body = new String(published.get().getBody(), StandardCharsets.UTF_8);
            assertThat(body).doesNotContain(PATIENT).doesNotContain("patientReference");
            DomainEvent event = codec.decode(published.get().getBody());
            assertThat(event.type()).isEqualTo(EventTypes.ORDER_CREATED);
            assertThat(event.source()).isEqualTo(URI.create("/carepath/portal/orders"));
            assertThat(event.tenantId()).isEqualTo(tenant);
            assertThat(event.sequence()).isEqualTo(1);
            assertThat(event.data()).containsOnlyKeys("orderId", "tenantId", "cycle", "therapy", "stateCode",
                            "paymentToken", "costTier")
                    .containsEntry("orderId", journeyId.toString()).containsEntry("tenantId", tenant)
                    .containsEntry("cycle", 1).containsEntry("therapy", "tirzepatide")
                    .containsEntry("stateCode", "CA").containsEntry("paymentToken", TOKEN)
                    .containsEntry("costTier", "standard");
            // Marked published only after the broker confirmed it.
            await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM orders.outbox WHERE aggregate_id = ?"
                    + " AND published_at IS NOT NULL", journeyId.toString()) == 1);
        } finally {
            amqp.deleteQueue(queue.getName());
        }
    }

    @Test
    void theSameKeyAndBodyAgainReturnTheSameJourneyAndStoreNothingNew() {
        String tenant = newTenant();
        StartJourneyRequest request = order(tenant, "semaglutide", "TX");
        ApiResponse<JourneyAccepted> first = start(tenant, "retry-me", request);
        ApiResponse<JourneyAccepted> again = start(tenant, "retry-me", request);

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getData().getJourneyId()).isEqualTo(first.getData().getJourneyId());
        assertThat(again.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
        assertThat(again.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    @Test
    void theTokenNamesTheTenantAndABodyWithOrWithoutTenantIdIsTheSameRequest() {
        String tenant = newTenant();
        // The generated client leaves out what is not set: the first body names no tenant.
        ApiResponse<JourneyAccepted> first = start(tenant, "tenant-optional", order(null, "semaglutide", "TX"));
        ApiResponse<JourneyAccepted> again = start(tenant, "tenant-optional", order(tenant, "semaglutide", "TX"));

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(first.getHeaders().get("Idempotent-Replayed")).containsExactly("false");
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
        assertThat(again.getData().getJourneyId()).isEqualTo(first.getData().getJourneyId());
        assertThat(jdbc.queryForObject("SELECT tenant_id FROM orders.journey_order WHERE id = ?", String.class,
                first.getData().getJourneyId())).isEqualTo(tenant);
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    @Test
    void theSameKeyInAnotherTenantIsAnotherJourney() {
        String one = newTenant();
        String two = newTenant();
        ApiResponse<JourneyAccepted> first = start(one, "shared-key", order(one, "semaglutide", "TX"));
        ApiResponse<JourneyAccepted> second = start(two, "shared-key", order(two, "semaglutide", "TX"));
        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(second.getStatusCode()).isEqualTo(202);
        assertThat(second.getData().getJourneyId()).isNotEqualTo(first.getData().getJourneyId());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        String tenant = newTenant();
        start(tenant, "once", order(tenant, "semaglutide", "TX"));

        JsonNode reused = ContractClient.problem(422, "idempotency-key-reused",
                () -> agent(tenant).startJourney("once", order(tenant, "semaglutide", "NY")));

        assertThat(reused.toString()).doesNotContain(PATIENT).doesNotContain(TOKEN);
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneJourney() {
        String tenant = newTenant();
        JourneysApi agent = agent(tenant);
        StartJourneyRequest request = order(tenant, "semaglutide", "TX");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<ApiResponse<JourneyAccepted>> done;
        try {
            List<CompletableFuture<ApiResponse<JourneyAccepted>>> responses = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> ContractClient.ok(
                            () -> agent.startJourneyWithHttpInfo("burst", request)), pool))
                    .toList();
            done = responses.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }

        assertThat(done).extracting(ApiResponse::getStatusCode).containsOnly(202);
        assertThat(done).extracting(r -> r.getData().getJourneyId()).containsOnly(done.get(0).getData().getJourneyId());
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    static Stream<Arguments> badRequests() {
        String t = "{TENANT}";
        Map<String, String> withKey = Map.of("Idempotency-Key", "bad-input");
        return Stream.of(
                Arguments.of("malformed JSON", withKey,
                        "{\"tenantId\": \"" + t + "\", \"patientReference\": \"" + PATIENT + "\", \"therapy\": ",
                        400, "malformed-request", List.of()),
                Arguments.of("wrong JSON type", withKey,
                        "{\"tenantId\": \"" + t + "\", \"therapy\": {\"name\": \"semaglutide\"}}",
                        400, "malformed-request", List.of()),
                Arguments.of("empty body", withKey, "", 400, "malformed-request", List.of()),
                Arguments.of("missing fields", withKey,
                        "{\"tenantId\": \"" + t + "\", \"patientReference\": \"" + PATIENT + "\"}",
                        400, "validation", List.of("paymentToken", "stateCode", "therapy")),
                Arguments.of("unknown therapy", withKey, journeyBody(t, PATIENT, "ozempic", "TX", TOKEN),
                        400, "validation", List.of("therapy")),
                Arguments.of("invalid state", withKey, journeyBody(t, PATIENT, "semaglutide", "ZZ", TOKEN),
                        400, "validation", List.of("stateCode")),
                Arguments.of("malformed token", withKey, journeyBody(t, PATIENT, "semaglutide", "TX", "visa-4242"),
                        400, "validation", List.of("paymentToken")),
                Arguments.of("missing Idempotency-Key", Map.of(), journeyBody(t, PATIENT, "semaglutide", "TX", TOKEN),
                        400, "validation", List.of("Idempotency-Key")),
                Arguments.of("malformed Idempotency-Key", Map.of("Idempotency-Key", "no spaces allowed"),
                        journeyBody(t, PATIENT, "semaglutide", "TX", TOKEN), 400, "validation",
                        List.of("Idempotency-Key")),
                Arguments.of("card number as patient reference", withKey,
                        journeyBody(t, "4242424242424242", "semaglutide", "TX", TOKEN),
                        400, "card-data-refused", List.of()),
                Arguments.of("card number in an extra field", withKey,
                        "{\"tenantId\": \"" + t + "\", \"patientReference\": \"" + PATIENT + "\", \"therapy\":"
                                + " \"semaglutide\", \"stateCode\": \"TX\", \"paymentToken\": \"" + TOKEN + "\","
                                + " \"card\": \"4111 1111 1111 1111\"}",
                        400, "card-data-refused", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsAProblemAndChangesNothing(String name, Map<String, String> headers, String body, int status,
            String type, List<String> fields) {
        String tenant = newTenant();
        Response response = post("/v1/journeys", new HashMap<>(headers), body.replace("{TENANT}", tenant))
                .assertProblem(status, type);

        if (!fields.isEmpty()) {
            List<String> reported = response.json().path("errors").findValuesAsText("field");
            assertThat(reported).containsExactlyInAnyOrderElementsOf(fields);
            response.json().path("errors").forEach(error -> assertThat(error.path("message").asText()).isNotBlank());
        }
        assertThat(response.body()).doesNotContain(PATIENT).doesNotContain(TOKEN).doesNotContain("4242424242424242")
                .doesNotContain("4111 1111");
        assertThat(orders(tenant)).isZero();
        assertThat(outboxRows(tenant)).isZero();
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        String tenant = newTenant();
        String padded = journeyBody(tenant).replace("}", ", \"padding\": \"" + "x".repeat(70_000) + "\"}");

        post("/v1/journeys", key("too-big"), padded).assertProblem(413, "payload-too-large");

        assertThat(orders(tenant)).isZero();
    }

    @Test
    void aJourneyShowsItsOrderAndProgressButNoPatientData() {
        String tenant = newTenant();
        String journeyId = start(tenant, "show-me", order(tenant, "semaglutide", "TX")).getData().getJourneyId()
                .toString();

        ApiResponse<Journey> first = ContractClient.ok(() -> agent(tenant).getJourneyWithHttpInfo(journeyId));
        assertThat(first.getStatusCode()).isEqualTo(200);
        Journey view = first.getData();
        assertThat(view.getJourneyId()).hasToString(journeyId);
        assertThat(view.getTenantId()).isEqualTo(tenant);
        assertThat(view.getTherapy()).isEqualTo("semaglutide");
        assertThat(view.getStateCode()).isEqualTo("TX");
        assertThat(view.getCycle()).isEqualTo(1);
        assertThat(view.getStatus()).isEqualTo("RECEIVED");
        assertThat(view.getCreatedAt()).isNotNull();
        assertThat(view.toString()).doesNotContain(PATIENT).doesNotContain(TOKEN);

        // The read model catches up with order.created through the outbox, the relay and the broker.
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Journey later = agent(tenant).getJourney(journeyId);
            assertThat(later.getTimeline()).extracting(TimelineEntry::getType).containsExactly(EventTypes.ORDER_CREATED);
            assertThat(later.getStatus()).isEqualTo("RECEIVED");
            assertThat(later.getPartners()).isNotNull();
            assertThat(later.getUpdatedAt()).isNotNull();
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noPatientReferenceTokenOrCardNumberReachesTheLog(CapturedOutput log) {
        String tenant = newTenant();
        String card = "5555 5555 5555 4444";
        post("/v1/journeys", key("logged"), journeyBody(tenant, PATIENT, "semaglutide", "TX", TOKEN));
        post("/v1/journeys", key("logged"), journeyBody(tenant, PATIENT, "semaglutide", "NY", TOKEN));
        post("/v1/journeys", key("logged-2"), journeyBody(tenant, PATIENT, "ozempic", "TX", TOKEN));
        post("/v1/journeys", key("logged-3"), "{\"patientReference\": \"" + PATIENT + "\", \"therapy\": 7");
        post("/v1/journeys", key("logged-4"), journeyBody(tenant, PATIENT, "semaglutide", "TX", card));

        assertThat(log.getAll()).contains("received journey")
                .doesNotContain(PATIENT).doesNotContain(TOKEN).doesNotContain(card).doesNotContain("5555555555554444");
    }

    @Test
    void anUnknownOrMalformedJourneyIdIsNotFound() {
        String tenant = newTenant();
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1-2-3-4-5")) {
            ContractClient.problem(404, "not-found", () -> agent(tenant).getJourney(id));
        }
    }
}
