package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The cycle's saga ended other than on its happy path.
 */
@EventType(value = EventTypes.JOURNEY_ENDED, version = 1)
public record JourneyEnded(
        @Required String orderId,
        Integer cycle,
        String processInstanceId,
        String processDefinitionId,
        @Required String outcome,
        Boolean cancelledBeforeCycleStarted) implements EventData, OrderEvent, CycleEvent {
}
