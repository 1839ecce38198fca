/**
 * Taking money: the {@link dev.carepath.connectors.payments.PaymentGateway} port (charge a tokenized payment
 * method through the tenant's merchant account, refund a charge), and its HTTP adapter for the payment
 * processors. Every charge and refund carries an idempotency key, so a retried worker never charges twice.
 */
package dev.carepath.connectors.payments;
