package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * An agent started a journey: the first cycle of an order.
 */
@EventType(value = EventTypes.ORDER_CREATED, version = 1)
public record OrderCreated(
        @Required String orderId,
        @Required String tenantId,
        @Required Integer cycle,
        @Required String therapy,
        @Required String stateCode,
        @Required String paymentToken,
        String costTier,
        Integer cyclesBought) implements EventData, OrderEvent, CycleEvent {
}
