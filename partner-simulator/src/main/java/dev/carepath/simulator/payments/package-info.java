/**
 * Simulated payment processors ({@code northpay}, {@code keystone-payments}): idempotent charges and refunds,
 * declines for {@code tok_decline*} tokens and for the decline-rate fault's share of idempotency keys, and a
 * ledger of the money that moved.
 */
package dev.carepath.simulator.payments;
