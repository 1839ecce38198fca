/**
 * Simulated messaging providers ({@code postmark-sim} for email, {@code twilight-sms} for SMS and push): one
 * message per idempotency key, refused for an address that does not fit the channel, and a ledger that shows
 * what was sent without showing to whom.
 */
package dev.carepath.connectors.simulator.messaging;
