package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The agent asked to cancel the order; the running cycle is cancelled.
 */
@EventType(value = EventTypes.ORDER_CANCEL_REQUESTED, version = 1)
public record OrderCancelRequested(
        @Required String orderId,
        Integer cycle,
        String reason) implements EventData, OrderEvent, CycleEvent {
}
