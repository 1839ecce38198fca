package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A message to the patient could not be sent; staff follow up.
 */
@EventType(value = EventTypes.NOTIFICATION_FAILED, version = 1)
public record NotificationFailed(
        @Required String orderId,
        @Required String notificationId,
        @Required String trigger,
        @Required String channel,
        @Required String template,
        @Required String reason,
        Boolean skipped) implements EventData, OrderEvent {
}
