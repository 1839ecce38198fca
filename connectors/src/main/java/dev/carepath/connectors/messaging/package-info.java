/**
 * Telling the patient: the {@link dev.carepath.connectors.messaging.MessagingGateway} port (send a templated
 * email, SMS or push message) and its HTTP adapter for the messaging providers, one provider per channel. Every
 * message carries an idempotency key, so a retried notification is never sent twice; addresses and template
 * parameters are never logged.
 */
package dev.carepath.connectors.messaging;
