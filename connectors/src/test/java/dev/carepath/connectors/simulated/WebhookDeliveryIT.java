package dev.carepath.connectors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.connectors.erx.ErxReceipt;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.erx.NewRx;
import dev.carepath.connectors.telehealth.HttpTelehealthNetwork;
import dev.carepath.connectors.telehealth.TelehealthNetwork;
import dev.carepath.connectors.telehealth.VisitBooking;
import dev.carepath.connectors.telehealth.VisitRequest;
import dev.carepath.connectors.testing.SimulatorTestBase;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.testing.WebhookReceiver.Delivery;
import dev.carepath.contracts.webhooks.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/** The partners call back: signed, retried until accepted, and sometimes twice, late or out of order. */
class WebhookDeliveryIT extends SimulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${simulator.webhooks.secret}")
    private String secret;

    private TelehealthNetwork telehealth;

    @BeforeEach
    void connectToTheSimulator() {
        telehealth = new HttpTelehealthNetwork(partnerHttp());
    }

    @Test
    void aSignedVisitCompletedIsRetriedUntilTheReceiverAcceptsIt() {
        String orderId = "order-" + UUID.randomUUID();
        WEBHOOKS.failFirst(orderId, 1);

        VisitBooking booking = telehealth.scheduleVisit(
                new VisitRequest("meridian-health", orderId + ":visit", orderId, "NY", "semaglutide"));

        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.stream().anyMatch(Delivery::accepted));
        assertThat(deliveries).extracting(Delivery::answeredWith).containsExactly(500, 200);
        Delivery rejected = deliveries.get(0);
        Delivery accepted = deliveries.get(1);
        assertThat(Duration.between(rejected.receivedAt(), accepted.receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(450));

        assertThat(accepted.path()).isEqualTo("/webhooks/telehealth/meridian-health");
        assertThat(accepted.contentType()).isEqualTo("application/json");
        assertSignedNow(accepted);
        JsonNode event = json(accepted);
        assertThat(event.path("eventId").asText()).isNotBlank().isEqualTo(json(rejected).path("eventId").asText());
        assertThat(event.path("type").asText()).isEqualTo("visit.completed");
        assertThat(event.path("visitId").asText()).isEqualTo(booking.visitId());
        assertThat(event.path("clientReference").asText()).isEqualTo(orderId);
        assertThat(event.path("outcome").asText()).isEqualTo("prescribed");
        assertThat(Instant.parse(event.path("occurredAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void anAcceptedPrescriptionIsAnnouncedDispensedShippedThenDelivered() {
        String orderId = "order-" + UUID.randomUUID();
        ErxReceipt receipt = submitNewRx("cedar-pharmacy", orderId);

        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 3);

        assertThat(deliveries).hasSize(3).allSatisfy(delivery -> {
            assertThat(delivery.path()).isEqualTo("/webhooks/pharmacy/cedar-pharmacy");
            assertSignedNow(delivery);
            JsonNode event = json(delivery);
            assertThat(event.path("pharmacyPrescriptionId").asText()).isEqualTo(receipt.pharmacyPrescriptionId());
            assertThat(event.path("messageId").asText()).isEqualTo(receipt.messageId());
        });
        List<JsonNode> events = deliveries.stream().map(WebhookDeliveryIT::json).toList();
        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("rx.dispensed", "shipment.shipped", "shipment.delivered");
        assertThat(events).extracting(event -> event.path("eventId").asText()).doesNotHaveDuplicates();
        List<JsonNode> shipmentEvents = events.subList(1, 3);
        assertThat(shipmentEvents).allSatisfy(event -> {
            assertThat(event.path("carrier").asText()).isEqualTo("UPS");
            assertThat(event.path("trackingNumber").asText()).matches("1Z[0-9A-Z]{16}");
        });
        assertThat(shipmentEvents).extracting(event -> event.path("trackingNumber").asText()).containsOnly(
                shipmentEvents.get(0).path("trackingNumber").asText());
    }

    @Test
    void aPharmacyThatLeavesDeliveryToTheCarrierAnnouncesShippedOnlyAndTheCarrierTracksTheDelivery() {
        applyFaultProfile("calm");
        String orderId = "order-" + UUID.randomUUID();
        submitNewRx("harbor-mail-rx", orderId);
        JsonNode shipped = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 2)
                .stream().map(WebhookDeliveryIT::json)
                .filter(event -> event.path("type").asText().equals("shipment.shipped")).findFirst().orElseThrow();
        assertThat(shipped.path("carrier").asText()).isEqualTo("USPS");
        String trackingNumber = shipped.path("trackingNumber").asText();
        assertThat(trackingNumber).matches("9400\\d{18}");

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator().get()
                .uri("/shipping/usps/tracking/{trackingNumber}", trackingNumber).retrieve().body(JsonNode.class)
                .path("status").asText().equals("delivered"));
        await().during(Duration.ofMillis(1_000)).atMost(Duration.ofSeconds(3))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() == 2);
        assertThat(WEBHOOKS.deliveriesContaining(orderId)).extracting(delivery -> json(delivery).path("type").asText())
                .containsExactly("rx.dispensed", "shipment.shipped");
    }

    @Test
    void aParcelTheCarrierLosesIsAnnouncedAsAShipmentExceptionAndNeverDelivered() {
        applyFaultProfile("calm");
        String orderId = "order-" + UUID.randomUUID();
        submitNewRx("cedar-pharmacy", orderId);
        JsonNode shipped = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 2)
                .stream().map(WebhookDeliveryIT::json)
                .filter(event -> event.path("type").asText().equals("shipment.shipped")).findFirst().orElseThrow();
        String trackingNumber = shipped.path("trackingNumber").asText();

        simulator().post().uri("/admin/shipping/{carrier}/parcels/{trackingNumber}/exception",
                        shipped.path("carrier").asText().toLowerCase(Locale.ROOT), trackingNumber)
                .contentType(MediaType.APPLICATION_JSON).body("{\"reason\": \"damaged\"}")
                .retrieve().toBodilessEntity();

        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 3);
        JsonNode exception = json(deliveries.get(2));
        assertSignedNow(deliveries.get(2));
        assertThat(exception.path("type").asText()).isEqualTo("shipment.exception");
        assertThat(exception.path("reason").asText()).isEqualTo("damaged");
        assertThat(exception.path("trackingNumber").asText()).isEqualTo(trackingNumber);
        assertThat(exception.path("clientReference").asText()).isEqualTo(orderId);
        assertThat(deliveries).extracting(delivery -> json(delivery).path("type").asText())
                .doesNotContain("shipment.delivered");
    }

    @Test
    void theDispenseNotificationIsSignedAndComesBeforeShipped() {
        applyFaultProfile("calm");
        String orderId = "order-" + UUID.randomUUID();
        ErxReceipt receipt = submitNewRx("cedar-pharmacy", orderId);

        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 2);

        Delivery dispensed = deliveries.get(0);
        assertThat(dispensed.path()).isEqualTo("/webhooks/pharmacy/cedar-pharmacy");
        assertThat(dispensed.contentType()).isEqualTo("application/json");
        assertSignedNow(dispensed);
        JsonNode event = json(dispensed);
        assertThat(event.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "eventId", "type", "pharmacyPrescriptionId", "messageId", "clientReference", "occurredAt");
        assertThat(event.path("eventId").asText()).isNotBlank();
        assertThat(event.path("type").asText()).isEqualTo("rx.dispensed");
        assertThat(event.path("pharmacyPrescriptionId").asText()).isEqualTo(receipt.pharmacyPrescriptionId());
        assertThat(event.path("messageId").asText()).isEqualTo(receipt.messageId());
        assertThat(event.path("clientReference").asText()).isEqualTo(orderId);

        JsonNode shipped = json(deliveries.get(1));
        assertThat(shipped.path("type").asText()).isEqualTo("shipment.shipped");
        assertThat(dispensed.receivedAt()).isBeforeOrEqualTo(deliveries.get(1).receivedAt());
        assertThat(Instant.parse(event.path("occurredAt").asText()))
                .isBefore(Instant.parse(shipped.path("occurredAt").asText()));
    }

    @Test
    void theDuplicateWebhookFaultDeliversTheSameEventTwice() {
        injectFaults(PartnerKind.TELEHEALTH, "{\"duplicateWebhookRate\": 1.0}");
        String orderId = "order-" + UUID.randomUUID();

        telehealth.scheduleVisit(new VisitRequest("bluepeak-clinicians", orderId + ":visit", orderId, "OR", "tirzepatide"));

        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 2);
        assertThat(deliveries).hasSize(2).allSatisfy(this::assertSignedNow);
        assertThat(deliveries).extracting(delivery -> json(delivery).path("eventId").asText()).containsOnly(
                json(deliveries.get(0)).path("eventId").asText());
    }

    @Test
    void theOutOfOrderFaultAnnouncesAPrescriptionsEventsNewestFirst() {
        injectFaults(PartnerKind.ERX, "{\"outOfOrderWebhookRate\": 1.0}");
        String orderId = "order-" + UUID.randomUUID();
        submitNewRx("cedar-pharmacy", orderId);

        List<Delivery> deliveries = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 3);

        assertThat(deliveries).hasSize(3).allSatisfy(this::assertSignedNow);
        List<JsonNode> events = deliveries.stream().map(WebhookDeliveryIT::json).toList();
        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("shipment.delivered", "shipment.shipped", "rx.dispensed");
        // Each still says when it happened, so a receiver can put them back in order.
        assertThat(events).extracting(event -> Instant.parse(event.path("occurredAt").asText()))
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void theLateWebhookFaultHoldsTheEventBack() {
        injectFaults(PartnerKind.TELEHEALTH, "{\"lateWebhookRate\": 1.0, \"lateWebhookDelay\": \"1s\"}");
        String orderId = "order-" + UUID.randomUUID();

        telehealth.scheduleVisit(new VisitRequest("meridian-health", orderId + ":visit", orderId, "TX", "semaglutide"));

        Delivery delivery = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> !received.isEmpty()).get(0);
        Instant occurredAt = Instant.parse(json(delivery).path("occurredAt").asText());
        assertThat(Duration.between(occurredAt, delivery.receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertSignedNow(delivery);
    }

    /** A NewRx the pharmacy accepts, for this order. */
    private ErxReceipt submitNewRx(String pharmacy, String orderId) {
        return new HttpErxNetwork(partnerHttp()).submitNewRx(new NewRx(pharmacy, "rx-" + UUID.randomUUID(), orderId,
                "TX", "semaglutide", "0.25", 4, "Inject 0.25 mg subcutaneously once weekly for 4 weeks", "1234567893"));
    }

    private void assertSignedNow(Delivery delivery) {
        assertThat(delivery.signature()).matches("v1=[0-9a-f]{64}");
        assertThat(delivery.signature()).isEqualTo(WebhookSignature.sign(secret, delivery.timestamp(), delivery.body()));
        assertThat(WebhookSignature.matches("not-the-secret", delivery.timestamp(), delivery.body(), delivery.signature()))
                .isFalse();
        assertThat(Instant.ofEpochSecond(Long.parseLong(delivery.timestamp())))
                .isBetween(delivery.receivedAt().minusSeconds(5), delivery.receivedAt().plusSeconds(1));
    }

    private static JsonNode json(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body());
        } catch (Exception e) {
            throw new AssertionError("Webhook body is not JSON: " + delivery.body(), e);
        }
    }
}
