package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The processor declined the cycle's charge.
 */
@EventType(value = EventTypes.PAYMENT_DECLINED, version = 1)
public record PaymentDeclined(
        @Required String orderId,
        @Required Integer cycle,
        @Required String processor,
        @Required long amountMinor,
        @Required String currency,
        @Required String reason,
        Integer attempt) implements EventData, OrderEvent, CycleEvent {
}
