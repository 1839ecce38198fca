package dev.carepath.simulator.pharmacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.simulator.webhooks.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The order a prescription's webhooks leave in, with and without the out-of-order fault. */
class PrescriptionWebhooksTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final WebhookEvent DISPENSED = new DispenseEvent("evt_1", DispenseEvent.DISPENSED, "rx_1", "rx-1",
            "order-1", T0);
    private static final WebhookEvent SHIPPED = shipment("evt_2", ShipmentEvent.SHIPPED);
    private static final WebhookEvent DELIVERED = shipment("evt_3", ShipmentEvent.DELIVERED);

    /** What was handed to the sender, and the deliveries still to complete, in that order. */
    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();

    @Test
    void inOrderEachEventGoesWhenItHappens() {
        PrescriptionWebhooks webhooks = new PrescriptionWebhooks(this::send, false);

        webhooks.announce(DISPENSED);
        assertThat(sent).containsExactly(DispenseEvent.DISPENSED);
        webhooks.announce(SHIPPED);
        webhooks.announceLast(DELIVERED);

        assertThat(sent).containsExactly(DispenseEvent.DISPENSED, ShipmentEvent.SHIPPED, ShipmentEvent.DELIVERED);
    }

    @Test
    void outOfOrderTheEventsGoNewestFirstEachAfterThePreviousWasDelivered() {
        PrescriptionWebhooks webhooks = new PrescriptionWebhooks(this::send, true);

        webhooks.announce(DISPENSED);
        webhooks.announce(SHIPPED);
        assertThat(sent).isEmpty();

        webhooks.announceLast(DELIVERED);
        assertThat(sent).containsExactly(ShipmentEvent.DELIVERED);
        inFlight.get(0).complete(null);
        assertThat(sent).containsExactly(ShipmentEvent.DELIVERED, ShipmentEvent.SHIPPED);
        inFlight.get(1).complete(null);
        assertThat(sent).containsExactly(ShipmentEvent.DELIVERED, ShipmentEvent.SHIPPED, DispenseEvent.DISPENSED);
    }

    @Test
    void aSequenceThatEndsWithoutDeliveryStillSendsWhatWasHeldBack() {
        PrescriptionWebhooks webhooks = new PrescriptionWebhooks(this::send, true);
        webhooks.announce(DISPENSED);
        webhooks.announce(SHIPPED);

        webhooks.end();
        inFlight.get(0).complete(null);

        assertThat(sent).containsExactly(ShipmentEvent.SHIPPED, DispenseEvent.DISPENSED);
    }

    private CompletableFuture<Void> send(WebhookEvent event) {
        sent.add(event.type());
        CompletableFuture<Void> delivery = new CompletableFuture<>();
        inFlight.add(delivery);
        return delivery;
    }

    private static WebhookEvent shipment(String eventId, String type) {
        return new ShipmentEvent(eventId, type, "rx_1", "rx-1", "order-1", "UPS", "1Z999", null, T0);
    }
}
