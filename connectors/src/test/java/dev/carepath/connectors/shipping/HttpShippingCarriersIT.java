package dev.carepath.connectors.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.erx.NewRx;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.testing.SimulatorTestBase;
import dev.carepath.connectors.testing.WebhookReceiver.Delivery;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The shipping adapter against the simulated carriers, with parcels the simulated pharmacies really shipped. */
class HttpShippingCarriersIT extends SimulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShippingCarriers carriers;

    @BeforeEach
    void connectToTheSimulator() {
        carriers = new HttpShippingCarriers(partnerHttp());
    }

    @Test
    void trackingTellsTheSameStoryAsTheShipmentWebhooks() {
        String orderId = shipPrescription("cedar-pharmacy");
        JsonNode shipped = awaitWebhook(orderId, "shipment.shipped");
        long trackedBefore = getJson("/ledger/summary").path("shipmentsTracked").asLong();

        ShipmentTracking onItsWay = carriers.track(shipped.path("carrier").asText(), shipped.path("trackingNumber").asText());

        assertThat(onItsWay.carrier()).isEqualTo("ups");
        assertThat(onItsWay.trackingNumber()).isEqualTo(shipped.path("trackingNumber").asText());
        assertThat(onItsWay.status()).isIn(ShipmentStatus.SHIPPED, ShipmentStatus.IN_TRANSIT);
        assertThat(onItsWay.exceptionReason()).isNull();

        JsonNode delivered = awaitWebhook(orderId, "shipment.delivered");
        ShipmentTracking atTheDoor = carriers.track("UPS", shipped.path("trackingNumber").asText());

        assertThat(atTheDoor.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(atTheDoor.lastEventAt()).isEqualTo(Instant.parse(delivered.path("occurredAt").asText()));
        assertThat(getJson("/ledger/summary").path("shipmentsTracked").asLong()).isEqualTo(trackedBefore + 1);
    }

    @Test
    void aParcelLostOnTheWayIsAnExceptionAndIsNeverAnnouncedDelivered() {
        String orderId = shipPrescription("harbor-mail-rx");
        JsonNode shipped = awaitWebhook(orderId, "shipment.shipped");
        String trackingNumber = shipped.path("trackingNumber").asText();

        simulator().post().uri("/admin/shipping/usps/parcels/{trackingNumber}/exception", trackingNumber)
                .contentType(MediaType.APPLICATION_JSON).body("{\"reason\": \"lost\"}")
                .retrieve().toBodilessEntity();
        ShipmentTracking tracking = carriers.track("USPS", trackingNumber);

        assertThat(tracking.carrier()).isEqualTo("usps");
        assertThat(tracking.status()).isEqualTo(ShipmentStatus.EXCEPTION);
        assertThat(tracking.exceptionReason()).isEqualTo(ShipmentExceptionReason.LOST);
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                .until(() -> webhook(orderId, "shipment.delivered").isEmpty());
    }

    @Test
    void anUnknownTrackingNumberIsNotFound() {
        assertThatThrownBy(() -> carriers.track("ups", "1ZNOSUCHPARCEL0000"))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("ups");
                    assertThat(rejected.code()).isEqualTo(PartnerRejectedException.NOT_FOUND);
                    assertThat(rejected.reason()).isEqualTo("tracking_not_found");
                });
    }

    @Test
    void anUnknownCarrierIsNotFound() {
        assertThatThrownBy(() -> carriers.track("pony-express", "PX1"))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(PartnerRejectedException.NOT_FOUND);
                    assertThat(rejected.reason()).isEqualTo("unknown_carrier");
                });
    }

    @Test
    void aFailingCarrierIsUnavailable() {
        injectFaults(PartnerKind.SHIPPING, "{\"errorRate\": 1.0}");

        assertThatThrownBy(() -> carriers.track("ups", "1ZANY"))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        unavailable -> assertThat(unavailable.partner()).isEqualTo("ups"))
                .hasMessageContaining("503");
    }

    @Test
    void aCarrierThatAnswersTooLateIsUnavailable() {
        loseEveryAnswer(PartnerKind.SHIPPING);

        assertThatThrownBy(() -> carriers.track("usps", "9400NOSUCHPARCEL"))
                .isInstanceOf(PartnerUnavailableException.class)
                // Given up by the read timeout, before the slow partner answered: the cause says so, not a clock.
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
    }

    /** Sends a NewRx the pharmacy accepts; returns its order id, which the shipment webhooks carry. */
    private String shipPrescription(String pharmacy) {
        String orderId = "order-" + UUID.randomUUID();
        new HttpErxNetwork(partnerHttp()).submitNewRx(new NewRx(pharmacy, "rx-" + UUID.randomUUID(), orderId, "TX",
                "semaglutide", "0.25", 4, "Inject 0.25 mg subcutaneously once weekly for 4 weeks", "1234567893"));
        return orderId;
    }

    private static JsonNode awaitWebhook(String orderId, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> webhook(orderId, type), Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonNode> webhook(String orderId, String type) {
        List<Delivery> deliveries = WEBHOOKS.deliveriesContaining(orderId);
        return deliveries.stream().map(HttpShippingCarriersIT::json)
                .filter(event -> type.equals(event.path("type").asText()))
                .findFirst();
    }

    private static JsonNode json(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body());
        } catch (Exception e) {
            throw new AssertionError("Webhook body is not JSON: " + delivery.body(), e);
        }
    }
}
