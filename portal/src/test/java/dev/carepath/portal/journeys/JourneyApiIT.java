package dev.carepath.portal.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.PortalIntegrationSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void startingAJourneyStoresTheOrderWithItsEventAndPublishesIt() {
        String tenant = newTenant();
        // Listen before posting: a temporary queue on the backbone's exchange for order.created.
        Queue queue = new Queue("portal-it-" + UUID.randomUUID(), false, true, false);
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange("carepath.events"))
                .with(EventTypes.ORDER_CREATED));
        try {
            Response response = post("/v1/journeys", key("agent-1:" + UUID.randomUUID()),
                    journeyBody(tenant, PATIENT, "tirzepatide", "CA", TOKEN));

            assertThat(response.status()).isEqualTo(202);
            UUID journeyId = UUID.fromString(response.json().path("journeyId").asText());
            assertThat(response.json().path("status").asText()).isEqualTo("RECEIVED");
            assertThat(response.header("Location")).isEqualTo("/v1/journeys/" + journeyId);

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
        String body = journeyBody(tenant);
        Response first = post("/v1/journeys", key("retry-me"), body);
        Response again = post("/v1/journeys", key("retry-me"), body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("journeyId")).isEqualTo(first.json().path("journeyId"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    @Test
    void theTokenNamesTheTenantAndABodyWithOrWithoutTenantIdIsTheSameRequest() {
        String tenant = newTenant();
        Map<String, String> asAgent = Map.of("Idempotency-Key", "tenant-optional",
                "Authorization", "Bearer " + agentToken(tenant));
        String withoutTenant = """
                {"patientReference": "%s", "therapy": "semaglutide", "stateCode": "TX", "paymentToken": "%s"}"""
                .formatted(PATIENT, TOKEN);

        Response first = post("/v1/journeys", asAgent, withoutTenant);
        Response again = post("/v1/journeys", asAgent, journeyBody(tenant, PATIENT, "semaglutide", "TX", TOKEN));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("journeyId")).isEqualTo(first.json().path("journeyId"));
        assertThat(jdbc.queryForObject("SELECT tenant_id FROM orders.journey_order WHERE id = ?", String.class,
                UUID.fromString(first.json().path("journeyId").asText()))).isEqualTo(tenant);
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    @Test
    void theSameKeyInAnotherTenantIsAnotherJourney() {
        String one = newTenant();
        String two = newTenant();
        Response first = post("/v1/journeys", key("shared-key"), journeyBody(one));
        Response second = post("/v1/journeys", key("shared-key"), journeyBody(two));
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("journeyId")).isNotEqualTo(first.json().path("journeyId"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        String tenant = newTenant();
        post("/v1/journeys", key("once"), journeyBody(tenant, PATIENT, "semaglutide", "TX", TOKEN));

        Response reused = post("/v1/journeys", key("once"), journeyBody(tenant, PATIENT, "semaglutide", "NY", TOKEN))
                .assertProblem(422, "idempotency-key-reused");

        assertThat(reused.body()).doesNotContain(PATIENT).doesNotContain(TOKEN);
        assertThat(orders(tenant)).isEqualTo(1);
        assertThat(outboxRows(tenant)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneJourney() {
        String tenant = newTenant();
        String body = journeyBody(tenant);
        List<CompletableFuture<Response>> responses = IntStream.range(0, 8)
                .mapToObj(i -> postAsync("/v1/journeys", key("burst"), body))
                .toList();

        List<Response> done = responses.stream().map(CompletableFuture::join).toList();

        assertThat(done).extracting(Response::status).containsOnly(202);
        assertThat(done).extracting(r -> r.json().path("journeyId").asText()).containsOnly(
                done.get(0).json().path("journeyId").asText());
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
        Response created = post("/v1/journeys", key("show-me"), journeyBody(tenant, PATIENT, "semaglutide", "TX",
                TOKEN));
        String journeyId = created.json().path("journeyId").asText();

        Response first = get("/v1/journeys/" + journeyId);
        assertThat(first.status()).isEqualTo(200);
        JsonNode view = first.json();
        assertThat(view.path("journeyId").asText()).isEqualTo(journeyId);
        assertThat(view.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(view.path("therapy").asText()).isEqualTo("semaglutide");
        assertThat(view.path("stateCode").asText()).isEqualTo("TX");
        assertThat(view.path("cycle").asInt()).isEqualTo(1);
        assertThat(view.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(view.path("createdAt").asText()).isNotBlank();
        assertThat(first.body()).doesNotContain(PATIENT).doesNotContain(TOKEN);

        // The read model catches up with order.created through the outbox, the relay and the broker.
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode later = get("/v1/journeys/" + journeyId).json();
            assertThat(later.path("timeline").findValuesAsText("type")).containsExactly(EventTypes.ORDER_CREATED);
            assertThat(later.path("status").asText()).isEqualTo("RECEIVED");
            assertThat(later.path("partners").isObject()).isTrue();
            assertThat(later.path("updatedAt").asText()).isNotBlank();
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
        get("/v1/journeys/" + UUID.randomUUID()).assertProblem(404, "not-found");
        get("/v1/journeys/not-a-uuid").assertProblem(404, "not-found");
        get("/v1/journeys/1-2-3-4-5").assertProblem(404, "not-found");
    }
}
