package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The medication left the pharmacy with a carrier.
 */
@EventType(value = EventTypes.SHIPMENT_SHIPPED, version = 1)
public record ShipmentShipped(
        @Required String orderId,
        @Required String rxId,
        @Required String pharmacy,
        String pharmacyPrescriptionId,
        String carrier,
        String trackingNumber) implements EventData, OrderEvent {
}
