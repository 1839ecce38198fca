package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The carrier reported the parcel lost, damaged or returned.
 */
@EventType(value = EventTypes.SHIPMENT_EXCEPTION, version = 1)
public record ShipmentException(
        @Required String orderId,
        Integer cycle,
        String trackingNumber,
        String carrier,
        String reason,
        @NotInSchema String rxId,
        @NotInSchema String pharmacy,
        @NotInSchema String pharmacyPrescriptionId) implements EventData, OrderEvent, CycleEvent {
}
