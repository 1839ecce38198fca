package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A CancelRx was sent for the cycle's e-prescription; status is the pharmacy's answer.
 */
@EventType(value = EventTypes.RX_CANCELLED, version = 1)
public record RxCancelled(
        @Required String orderId,
        @Required Integer cycle,
        @Required String rxId,
        String pharmacy,
        @Required String status) implements EventData, OrderEvent, CycleEvent {
}
