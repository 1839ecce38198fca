package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The cycle's charge was captured at the tenant's processor.
 */
@EventType(value = EventTypes.PAYMENT_CAPTURED, version = 1)
public record PaymentCaptured(
        @Required String orderId,
        @Required Integer cycle,
        @Required String processor,
        @Required long amountMinor,
        @Required String currency,
        @Required String chargeId) implements EventData, OrderEvent, CycleEvent {
}
