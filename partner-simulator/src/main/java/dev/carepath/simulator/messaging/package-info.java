/**
 * Simulated messaging providers ({@code postmark-sim} for email, {@code twilight-sms} for SMS, {@code beacon-push}
 * for push): one message per idempotency key, refused for an address that does not fit the channel, and a ledger
 * that shows what was sent (sender and subject too, when the caller rendered the message) without showing to whom.
 */
package dev.carepath.simulator.messaging;
