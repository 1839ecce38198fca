package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The prescription was recorded in the clinical store (the event carries its id only).
 */
@EventType(value = EventTypes.RX_RECORDED, version = 1)
public record RxRecorded(
        @Required String orderId,
        @Required Integer cycle,
        @Required String rxId) implements EventData, OrderEvent, CycleEvent {
}
