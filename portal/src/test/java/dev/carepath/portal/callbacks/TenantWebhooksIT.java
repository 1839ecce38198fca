package dev.carepath.portal.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.client.ApiResponse;
import dev.carepath.contracts.client.api.CallbacksApi;
import dev.carepath.contracts.client.api.TenantsApi;
import dev.carepath.contracts.client.model.SecretRotation;
import dev.carepath.contracts.client.model.SecretRotationRequest;
import dev.carepath.contracts.client.model.Tenant;
import dev.carepath.contracts.client.model.TenantRequest;
import dev.carepath.contracts.client.model.WebhookDelivery;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.ContractClient;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signed tenant webhooks end to end: milestone events on the backbone → the {@code callbacks} consumer →
 * deliveries → the dispatcher → a receiver on loopback that records each attempt. Retries are compressed for every
 * IT (application-it.yml: first retry 100 ms, at most 400 ms apart, a 3 s retry window).
 */
class TenantWebhooksIT extends PortalIntegrationSupport {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    /** Every key a payload may hold: references and statuses only. */
    private static final Set<String> PAYLOAD_KEYS = Set.of("type", "timestamp", "data");
    private static final Set<String> DATA_KEYS = Set.of("journeyId", "tenantId", "cycle", "status", "outcome",
            "activityId", "incidentType", "sequence", "eventId");

    private static WebhookReceiver receiver;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Staff's webhook endpoints through the Java client generated from the contract, with staff's token. */
    private CallbacksApi staff() {
        return new CallbacksApi(ContractClient.authenticated(port, this::asStaff));
    }

    /** Provisions a tenant whose callback URL is the receiver, and returns the secret a rotation shows. */
    private String tenantWithSecret(String tenant) {
        ApiResponse<Tenant> created = ContractClient.ok(() -> new TenantsApi(ContractClient.authenticated(port,
                this::asStaff)).provisionTenantWithHttpInfo(new TenantRequest().tenantId(tenant).name("IT hooks")
                .merchantAccount("acct_it").callbackUrl(receiver.urlOf(tenant)).entitlements(List.of())));
        assertThat(created.getStatusCode()).isEqualTo(201);
        return rotate(tenant, null).getSecret();
    }

    private SecretRotation rotate(String tenant, String overlap) {
        ApiResponse<SecretRotation> rotated = ContractClient.ok(() -> staff().rotateWebhookSecretWithHttpInfo(tenant,
                new SecretRotationRequest().overlap(overlap)));
        assertThat(rotated.getStatusCode()).isEqualTo(201);
        assertThat(rotated.getHeaders().get("Cache-Control")).anySatisfy(value -> assertThat(value).contains("no-store"));
        return rotated.getData();
    }

    /**
     * Publishes a milestone event and waits until the consumer has made its delivery, so a test's events reach the
     * consumer in the order it publishes them (the relay keeps an aggregate's order; separate template sends on
     * pooled channels need not).
     */
    private DomainEvent publish(String type, UUID journey, String tenant, Map<String, Object> data) {
        DomainEvent event = BackboneEvents.event(type, journey, tenant, OffsetDateTime.now(), data);
        new BackboneEvents(rabbit, codec).publish(event);
        if (Milestone.SOURCES.contains(type)) {
            await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.delivery WHERE tenant_id = ?"
                    + " AND event_id = ?", tenant, event.id()) == 1);
        }
        return event;
    }

    private List<WebhookReceiver.Attempt> awaitAccepted(String tenant, int count) {
        await().atMost(EVENTUALLY).until(() -> accepted(tenant).size() >= count);
        return accepted(tenant);
    }

    private static List<WebhookReceiver.Attempt> accepted(String tenant) {
        return receiver.attemptsOf(tenant).stream().filter(WebhookReceiver.Attempt::accepted).toList();
    }

    private JsonNode body(WebhookReceiver.Attempt attempt) {
        try {
            return json.readTree(attempt.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean verifies(String secret, WebhookReceiver.Attempt attempt) {
        return StandardWebhooks.verifies(secret, attempt.signature(), attempt.id(), Long.parseLong(attempt.timestamp()),
                attempt.body());
    }

    @Test
    void milestonesArriveSignedWithTheTenantsSecretAndCarryReferencesOnly() {
        String tenant = newTenant();
        String secret = tenantWithSecret(tenant);
        UUID journey = UUID.randomUUID();

        DomainEvent started = publish(EventTypes.JOURNEY_STARTED, journey, tenant,
                Map.of("cycle", 1, "processInstanceId", "pi-1", "processDefinitionId", "pd-1"));
        publish(EventTypes.PAYMENT_CAPTURED, journey, tenant, Map.of("cycle", 1, "processor", "sim",
                "amountMinor", 19900, "currency", "USD", "chargeId", "ch_secret_ref"));
        publish(EventTypes.SHIPMENT_SHIPPED, journey, tenant, Map.of("rxId", "rx-1", "pharmacy", "ph",
                "carrier", "ups", "trackingNumber", "1Z999"));
        publish(EventTypes.ORDER_CREATED, journey, tenant, Map.of("patientReference", "pat-1"));

        List<WebhookReceiver.Attempt> got = awaitAccepted(tenant, 3);

        assertThat(got).allSatisfy(attempt -> {
            assertThat(verifies(secret, attempt)).as("signature of %s", attempt.id()).isTrue();
            assertThat(attempt.signature()).doesNotContain(" ");
            assertThat(Math.abs(Long.parseLong(attempt.timestamp()) - Instant.now().getEpochSecond())).isLessThan(60);
            JsonNode body = body(attempt);
            assertThat(iterable(body.fieldNames())).isSubsetOf(PAYLOAD_KEYS);
            assertThat(iterable(body.path("data").fieldNames())).isSubsetOf(DATA_KEYS);
            assertThat(body.path("data").path("journeyId").asText()).isEqualTo(journey.toString());
            assertThat(body.path("data").path("tenantId").asText()).isEqualTo(tenant);
            // Nothing of the events' other data: no charge, amount, tracking number or patient reference.
            assertThat(attempt.body()).doesNotContain("ch_secret_ref", "19900", "1Z999", "pat-1", "pi-1");
        });
        assertThat(got).extracting(a -> body(a).path("type").asText())
                .containsExactly("journey.started", "journey.paid", "journey.shipped");
        assertThat(got).extracting(a -> body(a).path("data").path("cycle").asInt()).containsExactly(1, 1, 1);
        assertThat(body(got.get(0)).path("data").path("eventId").asText()).isEqualTo(started.id());
        assertThat(count("SELECT count(*) FROM callbacks.delivery WHERE tenant_id = ? AND status = 'DELIVERED'",
                tenant)).isEqualTo(3);
        // The order.created made no delivery.
        assertThat(count("SELECT count(*) FROM callbacks.delivery WHERE tenant_id = ?", tenant)).isEqualTo(3);
    }

    @Test
    void anIncidentTheEngineOpenedReachesTheTenantTheTimelineAndTheAuditStore() {
        String tenant = newTenant();
        String secret = tenantWithSecret(tenant);
        UUID journey = UUID.randomUUID();

        publish(EventTypes.JOURNEY_STARTED, journey, tenant, Map.of("cycle", 1));
        DomainEvent incident = publish(EventTypes.JOURNEY_INCIDENT_OPENED, journey, tenant, Map.of("cycle", 1,
                "processInstanceId", "pi-7", "incidentId", "inc-7", "incidentType", "failedExternalTask",
                "activityId", "Task_ChargePayment"));

        List<WebhookReceiver.Attempt> got = awaitAccepted(tenant, 2);

        WebhookReceiver.Attempt opened = got.get(1);
        assertThat(verifies(secret, opened)).isTrue();
        JsonNode body = body(opened);
        assertThat(body.path("type").asText()).isEqualTo("journey.incident-opened");
        assertThat(iterable(body.path("data").fieldNames())).isSubsetOf(DATA_KEYS);
        assertThat(body.path("data").path("status").asText()).isEqualTo("INCIDENT");
        assertThat(body.path("data").path("activityId").asText()).isEqualTo("Task_ChargePayment");
        assertThat(body.path("data").path("incidentType").asText()).isEqualTo("failedExternalTask");
        assertThat(body.path("data").path("sequence").asInt()).isEqualTo(2);
        assertThat(body.path("data").path("eventId").asText()).isEqualTo(incident.id());
        assertThat(opened.body()).doesNotContain("pi-7", "inc-7");
        // The other consumers of the backbone took it too: a step of the journey's timeline, a row of the audit store.
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM read.journey_step WHERE journey_id = ?"
                + " AND event_type = 'journey.incident-opened'", journey) == 1);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM audit.audit_event WHERE event_id::text = ?"
                + " AND event_type = 'journey.incident-opened'", incident.id()) == 1);
        assertThat(jdbc.queryForObject("SELECT status FROM read.journey WHERE journey_id = ?", String.class, journey))
                .as("an incident is no status of the journey").isEqualTo("STARTED");
    }

    @Test
    void anEventDeliveredTwiceByTheBrokerMakesOneDelivery() {
        String tenant = newTenant();
        tenantWithSecret(tenant);
        UUID journey = UUID.randomUUID();
        DomainEvent event = BackboneEvents.event(EventTypes.RX_RECORDED, journey, tenant, OffsetDateTime.now(),
                Map.of("cycle", 1, "rxId", "rx-1"));
        BackboneEvents backbone = new BackboneEvents(rabbit, codec);
        backbone.publish(event);
        backbone.publish(event);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.processed_event"
                + " WHERE event_id::text = ?", event.id()) == 1);
        publish(EventTypes.SHIPMENT_DELIVERED, journey, tenant, Map.of("rxId", "rx-1", "pharmacy", "ph"));

        awaitAccepted(tenant, 2);

        assertThat(accepted(tenant)).extracting(a -> body(a).path("type").asText())
                .containsExactly("journey.prescribed", "journey.delivered");
    }

    @Test
    void duringARotationsOverlapDeliveriesCarryASignatureOfEachSecret() {
        String tenant = newTenant();
        String old = tenantWithSecret(tenant);
        String next = rotate(tenant, "PT1H").getSecret();
        UUID journey = UUID.randomUUID();

        publish(EventTypes.JOURNEY_STARTED, journey, tenant, Map.of("cycle", 1));
        WebhookReceiver.Attempt overlapping = awaitAccepted(tenant, 1).get(0);

        assertThat(overlapping.signature().split(" ")).hasSize(2);
        assertThat(verifies(old, overlapping)).isTrue();
        assertThat(verifies(next, overlapping)).isTrue();

        // A rotation without overlap retires the earlier secrets at once: only the newest signs.
        String newest = rotate(tenant, "PT0S").getSecret();
        publish(EventTypes.PAYMENT_CAPTURED, journey, tenant, Map.of("cycle", 1));
        WebhookReceiver.Attempt after = awaitAccepted(tenant, 2).get(1);

        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(verifies(newest, after)).isTrue();
        assertThat(verifies(next, after)).isFalse();
        assertThat(verifies(old, after)).isFalse();
    }

    @Test
    void aFailingReceiverGetsTheDeliveryAgainWithGrowingWaitsAndTheSameId() {
        String tenant = newTenant();
        String secret = tenantWithSecret(tenant);
        receiver.failNext(tenant, 3);

        publish(EventTypes.JOURNEY_STARTED, UUID.randomUUID(), tenant, Map.of("cycle", 1));
        awaitAccepted(tenant, 1);

        List<WebhookReceiver.Attempt> attempts = receiver.attemptsOf(tenant);
        assertThat(attempts).hasSize(4);
        assertThat(attempts).extracting(WebhookReceiver.Attempt::accepted).containsExactly(false, false, false, true);
        assertThat(attempts).extracting(WebhookReceiver.Attempt::id).containsOnly(attempts.get(0).id());
        assertThat(attempts).allSatisfy(a -> assertThat(verifies(secret, a)).isTrue());
        // Waits of 100, 200, 400 ms, each with jitter taking off up to half: at least 50, 100, 200 ms.
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            waits.add(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()).toMillis());
        }
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(50);
        assertThat(waits.get(1)).isGreaterThanOrEqualTo(100);
        assertThat(waits.get(2)).isGreaterThanOrEqualTo(200);
        assertThat(count("SELECT count(*) FROM callbacks.delivery WHERE tenant_id = ? AND status = 'DELIVERED'"
                + " AND attempts = 4 AND last_status_code = 204", tenant)).isEqualTo(1);
    }

    @Test
    void aJourneysLaterMilestoneWaitsUntilTheEarlierOneIsDelivered() {
        String tenant = newTenant();
        tenantWithSecret(tenant);
        UUID journey = UUID.randomUUID();
        receiver.failNext(tenant, 4);

        publish(EventTypes.JOURNEY_STARTED, journey, tenant, Map.of("cycle", 1));
        publish(EventTypes.PAYMENT_CAPTURED, journey, tenant, Map.of("cycle", 1));
        publish(EventTypes.VISIT_COMPLETED, journey, tenant, Map.of("outcome", "PRESCRIBED"));
        awaitAccepted(tenant, 3);

        List<WebhookReceiver.Attempt> attempts = receiver.attemptsOf(tenant);
        // Every attempt, failed ones included, in sequence order: the second milestone was not tried before the
        // first had been delivered.
        List<Integer> sequences = attempts.stream().map(a -> body(a).path("data").path("sequence").asInt()).toList();
        assertThat(sequences).isSorted();
        assertThat(accepted(tenant)).extracting(a -> body(a).path("type").asText())
                .containsExactly("journey.started", "journey.paid", "journey.visit-completed");
        assertThat(body(accepted(tenant).get(2)).path("data").path("outcome").asText()).isEqualTo("PRESCRIBED");
        assertThat(body(accepted(tenant).get(2)).path("data").path("cycle").asInt()).isEqualTo(1);
    }

    @Test
    void aDeliveryThatFailsForTheWholeRetryWindowIsListedAndCanBeReplayed() {
        String tenant = newTenant();
        String secret = tenantWithSecret(tenant);
        receiver.failAlways(tenant, true);
        publish(EventTypes.JOURNEY_ENDED, UUID.randomUUID(), tenant, Map.of("cycle", 1, "outcome", "FAILED"));

        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.delivery WHERE tenant_id = ?"
                + " AND status = 'FAILED'", tenant) == 1);
        int failedAttempts = receiver.attemptsOf(tenant).size();
        assertThat(failedAttempts).isGreaterThan(1);

        List<WebhookDelivery> listed = ContractClient.ok(() -> staff().listWebhookDeliveries(tenant, "failed", null))
                .getDeliveries();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getType()).isEqualTo("journey.ended");
        assertThat(listed.get(0).getLastStatusCode()).isEqualTo(500);
        String deliveryId = listed.get(0).getDeliveryId().toString();

        receiver.failAlways(tenant, false);
        WebhookDelivery replayed = ContractClient.ok(() -> staff().replayWebhookDelivery(tenant, deliveryId));
        assertThat(replayed.getStatus()).isEqualTo(WebhookDelivery.StatusEnum.PENDING);

        WebhookReceiver.Attempt delivered = awaitAccepted(tenant, 1).get(0);
        assertThat(delivered.id()).isEqualTo(deliveryId);
        assertThat(verifies(secret, delivered)).isTrue();
        assertThat(body(delivered).path("data").path("outcome").asText()).isEqualTo("FAILED");
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.delivery WHERE tenant_id = ?"
                + " AND status = 'DELIVERED'", tenant) == 1);

        // Only a failed delivery is replayed; an unknown one is not found.
        ContractClient.problem(409, "delivery-not-failed", () -> staff().replayWebhookDelivery(tenant, deliveryId));
        ContractClient.problem(404, "not-found",
                () -> staff().replayWebhookDelivery(tenant, UUID.randomUUID().toString()));
        ContractClient.problem(400, "validation", () -> staff().listWebhookDeliveries(tenant, "lost", null));
    }

    @Test
    void aTenantHearsOnlyOfItsOwnJourneysSignedWithItsOwnSecret() {
        String a = newTenant();
        String b = newTenant();
        String secretA = tenantWithSecret(a);
        String secretB = tenantWithSecret(b);

        publish(EventTypes.JOURNEY_STARTED, UUID.randomUUID(), a, Map.of("cycle", 1));
        publish(EventTypes.JOURNEY_STARTED, UUID.randomUUID(), b, Map.of("cycle", 1));
        WebhookReceiver.Attempt toA = awaitAccepted(a, 1).get(0);
        WebhookReceiver.Attempt toB = awaitAccepted(b, 1).get(0);

        assertThat(body(toA).path("data").path("tenantId").asText()).isEqualTo(a);
        assertThat(body(toB).path("data").path("tenantId").asText()).isEqualTo(b);
        assertThat(verifies(secretA, toA)).isTrue();
        assertThat(verifies(secretB, toA)).isFalse();
        assertThat(verifies(secretB, toB)).isTrue();
        assertThat(accepted(a)).hasSize(1);

        // Staff see each tenant's deliveries under that tenant only; A's delivery is not B's to replay.
        List<WebhookDelivery> listedB = ContractClient.ok(() -> staff().listWebhookDeliveries(b, null, null))
                .getDeliveries();
        assertThat(listedB).hasSize(1);
        assertThat(listedB.get(0).getDeliveryId()).hasToString(toB.id());
        ContractClient.problem(404, "not-found", () -> staff().replayWebhookDelivery(b, toA.id()));
        ContractClient.problem(404, "not-found", () -> staff().listWebhookDeliveries(newTenant(), null, null));
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
