package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The pharmacy filled the prescription (NCPDP RxFill).
 */
@EventType(value = EventTypes.RX_DISPENSED, version = 1)
public record RxDispensed(
        @Required String orderId,
        @Required String rxId,
        @Required String pharmacy,
        String pharmacyPrescriptionId,
        String carrier,
        String trackingNumber) implements EventData, OrderEvent {
}
