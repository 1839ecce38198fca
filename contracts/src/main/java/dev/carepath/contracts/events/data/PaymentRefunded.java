package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A cycle's charge was refunded (compensation of the charge).
 */
@EventType(value = EventTypes.PAYMENT_REFUNDED, version = 1)
public record PaymentRefunded(
        @Required String orderId,
        @Required Integer cycle,
        String processor,
        @Required String chargeId,
        @Required String refundId,
        @Required long amountMinor) implements EventData, OrderEvent, CycleEvent {
}
