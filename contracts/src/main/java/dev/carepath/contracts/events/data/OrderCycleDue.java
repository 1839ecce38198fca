package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A cycle's follow-up is due: the orchestrator starts the next cycle (data carry routing facts only, no PHI).
 */
@EventType(value = EventTypes.ORDER_CYCLE_DUE, version = 1)
public record OrderCycleDue(
        @Required String orderId,
        @Required Integer cycle,
        @Required String therapy,
        @Required String stateCode,
        String costTier,
        String paymentToken,
        @Required int doseStep,
        String previousProcessInstanceId,
        Integer cyclesBought) implements EventData, OrderEvent, CycleEvent {
}
