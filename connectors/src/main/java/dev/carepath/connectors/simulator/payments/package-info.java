/**
 * Simulated payment processors ({@code northpay}, {@code keystone-payments}): idempotent charges and refunds,
 * declines for {@code tok_decline*} tokens, and a ledger of the money that moved.
 */
package dev.carepath.connectors.simulator.payments;
