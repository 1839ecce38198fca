package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The titration decision of a later cycle was taken, once per cycle: the dose step the cycle delivers and the
 * weeks to the next follow-up. Never the follow-up visit's findings.
 */
@EventType(value = EventTypes.ORDER_TITRATED, version = 1)
public record OrderTitrated(
        @Required String orderId,
        @Required Integer cycle,
        String therapy,
        @Required int doseStep,
        @Required int weeksToNextFollowUp,
        String decisionKey,
        String processInstanceId) implements EventData, OrderEvent, CycleEvent {
}
