package dev.carepath.connectors.messaging;

import java.time.Instant;

/** The provider accepted the message under its own id; the same for every send with the same idempotency key. */
public record MessageReceipt(String provider, String messageId, MessageChannel channel, Instant acceptedAt) {
}
