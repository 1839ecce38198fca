package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The carrier delivered the medication.
 */
@EventType(value = EventTypes.SHIPMENT_DELIVERED, version = 1)
public record ShipmentDelivered(
        @Required String orderId,
        @Required String rxId,
        @Required String pharmacy,
        String pharmacyPrescriptionId,
        String carrier,
        String trackingNumber) implements EventData, OrderEvent {
}
