package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The saga of one order cycle started.
 */
@EventType(value = EventTypes.JOURNEY_STARTED, version = 1)
public record JourneyStarted(
        @Required String orderId,
        Integer cycle,
        String processInstanceId,
        String processDefinitionId) implements EventData, OrderEvent, CycleEvent {
}
