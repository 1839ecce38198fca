package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The provider network reported the visit as completed (webhook).
 */
@EventType(value = EventTypes.VISIT_COMPLETED, version = 1)
public record VisitCompleted(
        @Required String orderId,
        @Required String visitId,
        @Required String providerNetwork,
        @Required String outcome) implements EventData, OrderEvent {
}
