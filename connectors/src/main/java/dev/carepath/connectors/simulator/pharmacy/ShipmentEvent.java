package dev.carepath.connectors.simulator.pharmacy;

import dev.carepath.connectors.simulator.webhooks.WebhookEvent;
import java.time.Instant;

/** The {@code shipment.shipped} and {@code shipment.delivered} webhook body. */
record ShipmentEvent(String eventId, String type, String pharmacyPrescriptionId, String messageId,
                     String clientReference, String carrier, String trackingNumber, Instant occurredAt)
        implements WebhookEvent {

    static final String SHIPPED = "shipment.shipped";
    static final String DELIVERED = "shipment.delivered";
}
