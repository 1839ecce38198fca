package dev.carepath.simulator.pharmacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carepath.simulator.webhooks.WebhookEvent;
import java.time.Instant;

/**
 * The {@code shipment.shipped}, {@code shipment.delivered} and {@code shipment.exception} webhook body.
 *
 * @param reason only on {@code shipment.exception}: {@code lost}, {@code damaged} or {@code returned}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ShipmentEvent(String eventId, String type, String pharmacyPrescriptionId, String messageId,
                     String clientReference, String carrier, String trackingNumber, String reason,
                     Instant occurredAt) implements WebhookEvent {

    static final String SHIPPED = "shipment.shipped";
    static final String DELIVERED = "shipment.delivered";
    static final String EXCEPTION = "shipment.exception";
}
