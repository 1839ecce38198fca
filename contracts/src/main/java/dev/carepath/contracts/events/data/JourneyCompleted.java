package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The cycle's saga reached its happy end.
 */
@EventType(value = EventTypes.JOURNEY_COMPLETED, version = 1)
public record JourneyCompleted(
        @Required String orderId,
        Integer cycle,
        String processInstanceId,
        String processDefinitionId,
        String outcome,
        Boolean programmeCompleted,
        Integer cyclesBought) implements EventData, OrderEvent, CycleEvent {
}
