package dev.carepath.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One message in a consumer's dead-letter queue.
 *
 * @param messageId     the AMQP message id (the event id for events the relay published)
 * @param eventType     the {@code eventType} header, when present
 * @param routingKey    the routing key the message was first published with
 * @param reason        why the consumer gave up (the exception's message as the binder recorded it)
 * @param deadLetteredAt when it was dead-lettered, when the broker says so
 * @param envelope      the body as JSON (only in the detailed view), or {@code null}
 */
public record DeadLetter(String messageId, String eventType, String routingKey, String reason, Instant deadLetteredAt,
        JsonNode envelope) {
}
