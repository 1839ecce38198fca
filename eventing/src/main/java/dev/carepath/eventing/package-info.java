/**
 * The event backbone as each deployable uses it: the transactional outbox (an event row committed
 * with the state change, in the service's own schema), the relay that publishes those rows to the
 * RabbitMQ topic exchange and marks them published only after the broker's publisher confirm, the
 * processed-event record that makes every consumer idempotent, and the per-service schema migrations with the
 * outbox's tables in each. The tenant of a transaction, row-level security and the schemas' owners are
 * {@code dev.carepath.tenancy}'s.
 */
package dev.carepath.eventing;
