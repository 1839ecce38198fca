package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A journey notification was sent to the patient (template and channel only; never the address).
 */
@EventType(value = EventTypes.NOTIFICATION_SENT, version = 1)
public record NotificationSent(
        @Required String orderId,
        @Required Integer cycle,
        @Required String templateId,
        @Required String channel,
        @Required String messageId,
        Boolean deferred) implements EventData, OrderEvent, CycleEvent {
}
