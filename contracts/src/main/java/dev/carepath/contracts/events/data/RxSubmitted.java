package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The e-prescription was accepted by the routed pharmacy.
 */
@EventType(value = EventTypes.RX_SUBMITTED, version = 1)
public record RxSubmitted(
        @Required String orderId,
        @Required Integer cycle,
        @Required String rxId,
        @Required String pharmacy,
        String pharmacyPrescriptionId) implements EventData, OrderEvent, CycleEvent {
}
