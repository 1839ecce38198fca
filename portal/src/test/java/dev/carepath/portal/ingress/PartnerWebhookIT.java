package dev.carepath.portal.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.webhooks.WebhookSignature;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.PortalIntegrationSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

class PartnerWebhookIT extends PortalIntegrationSupport {

    private static final String NETWORK = "northstar-health";
    private static final String PHARMACY = "pillbox-rx";

    @Value("${carepath.webhooks.secret}")
    String secret;

    @Autowired
    EventCodec codec;

    @Autowired
    MeterRegistry meters;

    /** {@code carepath.webhooks.ingress} of telehealth webhooks with this outcome and reason so far. */
    private double ingress(String outcome, String reason) {
        var counter = meters.find("carepath.webhooks.ingress")
                .tags("kind", "telehealth", "outcome", outcome, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private String tenant;
    private UUID orderId;

    @BeforeEach
    void anOrder() {
        tenant = newTenant();
        orderId = startJourney(tenant);
    }

    private String visitCompleted(String eventId, UUID clientReference) {
        return """
                {"eventId": "%s", "type": "visit.completed", "visitId": "vis-881", "clientReference": "%s",
                 "outcome": "prescribed", "occurredAt": "2026-03-02T10:15:00Z"}""".formatted(eventId, clientReference);
    }

    private String shipment(String eventId, String type, UUID clientReference) {
        return """
                {"eventId": "%s", "type": "%s", "pharmacyPrescriptionId": "pp-5521", "messageId": "rx-%s",
                 "clientReference": "%s", "carrier": "UPS", "trackingNumber": "1Z999AA10123456784",
                 "occurredAt": "2026-03-04T08:00:00Z"}""".formatted(eventId, type, clientReference, clientReference);
    }

    private Response signedPost(String path, String body, long timestamp, String signingSecret) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return post(path, Map.of(
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(signingSecret, timestamp, raw)), raw);
    }

    private Response signedPost(String path, String body) {
        return signedPost(path, body, Instant.now().getEpochSecond(), secret);
    }

    private List<DomainEvent> ingressEvents(UUID order) {
        return jdbc.query("SELECT envelope::text FROM ingress.outbox WHERE aggregate_id = ? ORDER BY sequence",
                (rs, i) -> codec.decode(rs.getString(1).getBytes(StandardCharsets.UTF_8)), order.toString());
    }

    private long inboxRows(String eventId) {
        return count("SELECT count(*) FROM ingress.webhook_inbox WHERE partner_event_id = ?", eventId);
    }

    @Test
    void aSignedVisitCompletedBecomesOurEventInTheOrdersTenant() {
        String eventId = "th-" + UUID.randomUUID();

        Response response = signedPost("/webhooks/telehealth/" + NETWORK, visitCompleted(eventId, orderId));

        assertThat(response.status()).isEqualTo(202);
        List<DomainEvent> events = ingressEvents(orderId);
        assertThat(events).hasSize(1);
        DomainEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.VISIT_COMPLETED);
        assertThat(event.subject()).isEqualTo(orderId.toString());
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.data()).containsExactlyInAnyOrderEntriesOf(Map.of("orderId", orderId.toString(),
                "visitId", "vis-881", "providerNetwork", NETWORK, "outcome", "prescribed"));
        assertThat(jdbc.queryForMap("SELECT partner, tenant_id, event_type FROM ingress.webhook_inbox"
                + " WHERE partner_event_id = ?", eventId)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "partner", "telehealth/" + NETWORK, "tenant_id", tenant, "event_type", "visit.completed"));
    }

    @Test
    void aRedeliveredWebhookHasNoSecondEffect() {
        String eventId = "th-" + UUID.randomUUID();
        String body = visitCompleted(eventId, orderId);
        double accepted = ingress("accepted", "none");
        double duplicates = ingress("duplicate", "none");
        assertThat(signedPost("/webhooks/telehealth/" + NETWORK, body).status()).isEqualTo(202);

        Response again = signedPost("/webhooks/telehealth/" + NETWORK, body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(ingressEvents(orderId)).hasSize(1);
        assertThat(inboxRows(eventId)).isEqualTo(1);
        // What the operator's dashboard counts (docs/adr/0019-observability.md).
        assertThat(ingress("accepted", "none")).isEqualTo(accepted + 1);
        assertThat(ingress("duplicate", "none")).isEqualTo(duplicates + 1);
    }

    @Test
    void aDispenseNotificationBecomesRxDispensed() {
        String dispensed = "ph-" + UUID.randomUUID();
        String body = "{\"eventId\":\"" + dispensed + "\",\"type\":\"rx.dispensed\","
                + "\"pharmacyPrescriptionId\":\"pp-5521\",\"messageId\":\"rx-" + orderId + "\","
                + "\"clientReference\":\"" + orderId + "\",\"occurredAt\":\"2026-11-27T10:00:00Z\"}";

        assertThat(signedPost("/webhooks/pharmacy/" + PHARMACY, body).status()).isEqualTo(202);

        List<DomainEvent> events = ingressEvents(orderId);
        assertThat(events).extracting(DomainEvent::type).containsExactly(EventTypes.RX_DISPENSED);
        assertThat(events.get(0).data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "orderId", orderId.toString(), "rxId", "rx-" + orderId, "pharmacy", PHARMACY,
                "pharmacyPrescriptionId", "pp-5521"));
    }

    @Test
    void pharmacyShipmentsBecomeShipmentEvents() {
        String shipped = "ph-" + UUID.randomUUID();
        String delivered = "ph-" + UUID.randomUUID();

        assertThat(signedPost("/webhooks/pharmacy/" + PHARMACY, shipment(shipped, "shipment.shipped", orderId))
                .status()).isEqualTo(202);
        assertThat(signedPost("/webhooks/pharmacy/" + PHARMACY, shipment(delivered, "shipment.delivered", orderId))
                .status()).isEqualTo(202);

        List<DomainEvent> events = ingressEvents(orderId);
        assertThat(events).extracting(DomainEvent::type)
                .containsExactly(EventTypes.SHIPMENT_SHIPPED, EventTypes.SHIPMENT_DELIVERED);
        assertThat(events).extracting(DomainEvent::sequence).containsExactly(1L, 2L);
        assertThat(events.get(0).data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "orderId", orderId.toString(), "rxId", "rx-" + orderId, "pharmacy", PHARMACY,
                "pharmacyPrescriptionId", "pp-5521", "carrier", "UPS", "trackingNumber", "1Z999AA10123456784"));
    }

    @Test
    void aCarriersExceptionBecomesShipmentExceptionWithItsReasonAndAnUnknownReasonIsRefused() {
        String lost = "ph-" + UUID.randomUUID();
        String exception = shipment(lost, "shipment.exception", orderId);
        String withReason = exception.substring(0, exception.lastIndexOf('}')) + ",\"reason\":\"lost\"}";

        signedPost("/webhooks/pharmacy/" + PHARMACY, exception).assertProblem(400, "validation");
        signedPost("/webhooks/pharmacy/" + PHARMACY, withReason.replace("\"lost\"", "\"stolen\""))
                .assertProblem(400, "validation");
        assertThat(ingressEvents(orderId)).isEmpty();
        assertThat(signedPost("/webhooks/pharmacy/" + PHARMACY, withReason).status()).isEqualTo(202);

        List<DomainEvent> events = ingressEvents(orderId);
        assertThat(events).extracting(DomainEvent::type).containsExactly(EventTypes.SHIPMENT_EXCEPTION);
        assertThat(events.get(0).data()).containsEntry("reason", "lost").containsEntry("orderId", orderId.toString())
                .containsEntry("trackingNumber", "1Z999AA10123456784");
        assertThat(inboxRows(lost)).isEqualTo(1);
    }

    @Test
    void unsignedWronglySignedTamperedAndStaleWebhooksChangeNothing() {
        String eventId = "th-" + UUID.randomUUID();
        String body = visitCompleted(eventId, orderId);
        String path = "/webhooks/telehealth/" + NETWORK;
        long now = Instant.now().getEpochSecond();
        double invalid = ingress("refused", "invalid-signature");
        double stale = ingress("refused", "stale");

        post(path, Map.of(), body).assertProblem(401, "invalid-signature");
        post(path, Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now)), body)
                .assertProblem(401, "invalid-signature");
        signedPost(path, body, now, "not-the-secret").assertProblem(401, "invalid-signature");
        String signature = WebhookSignature.sign(secret, now, body.getBytes(StandardCharsets.UTF_8));
        post(path, Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                WebhookSignature.SIGNATURE_HEADER, signature), body.replace("prescribed", "not_prescribed"))
                .assertProblem(401, "invalid-signature");
        signedPost(path, body, now - 400, secret).assertProblem(400, "stale-webhook");
        signedPost(path, body, now + 400, secret).assertProblem(400, "stale-webhook");

        assertThat(inboxRows(eventId)).isZero();
        assertThat(ingressEvents(orderId)).isEmpty();
        assertThat(ingress("refused", "invalid-signature")).isEqualTo(invalid + 4);
        assertThat(ingress("refused", "stale")).isEqualTo(stale + 2);
    }

    @Test
    void anUnknownClientReferenceIsNotFoundAndStoresNothing() {
        String eventId = "th-" + UUID.randomUUID();
        UUID unknown = UUID.randomUUID();

        signedPost("/webhooks/telehealth/" + NETWORK, visitCompleted(eventId, unknown)).assertProblem(404, "not-found");
        signedPost("/webhooks/telehealth/" + NETWORK, visitCompleted(eventId, null).replace("\"null\"", "\"ord-1\""))
                .assertProblem(404, "not-found");

        assertThat(inboxRows(eventId)).isZero();
        assertThat(ingressEvents(unknown)).isEmpty();
    }

    @Test
    void anEventTypeThePartnerDoesNotSendIsUnprocessable() {
        String eventId = "th-" + UUID.randomUUID();

        signedPost("/webhooks/telehealth/" + NETWORK, shipment(eventId, "shipment.shipped", orderId))
                .assertProblem(422, "unsupported-event");
        signedPost("/webhooks/pharmacy/" + PHARMACY, shipment(eventId, "shipment.lost", orderId))
                .assertProblem(422, "unsupported-event");

        assertThat(inboxRows(eventId)).isZero();
        assertThat(ingressEvents(orderId)).isEmpty();
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        String path = "/webhooks/telehealth/" + NETWORK;
        signedPost(path, "{\"eventId\": ").assertProblem(400, "malformed-request");
        signedPost(path, "[1, 2]").assertProblem(400, "malformed-request");
        Response missing = signedPost(path, """
                {"eventId": "th-x", "type": "visit.completed", "clientReference": "%s", "outcome": "maybe"}"""
                .formatted(orderId)).assertProblem(400, "validation");
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("visitId",
                "outcome");
        assertThat(ingressEvents(orderId)).isEmpty();
    }

    @Test
    void anAcceptedWebhookReachesTheJourneyView() {
        assertThat(signedPost("/webhooks/telehealth/" + NETWORK, visitCompleted("th-" + UUID.randomUUID(), orderId))
                .status()).isEqualTo(202);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode view = get("/v1/journeys/" + orderId).json();
            assertThat(view.path("status").asText()).isEqualTo("VISIT_COMPLETED");
            assertThat(view.path("partners").path("visitId").asText()).isEqualTo("vis-881");
            assertThat(view.path("partners").path("providerNetwork").asText()).isEqualTo(NETWORK);
            assertThat(view.path("timeline").findValuesAsText("type"))
                    .containsExactly(EventTypes.ORDER_CREATED, EventTypes.VISIT_COMPLETED);
        });
    }
}
