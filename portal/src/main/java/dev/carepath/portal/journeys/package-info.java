/**
 * Orders and the agent API that starts and reads patient journeys ({@code /v1/journeys}). An accepted
 * order is stored in schema {@code orders} together with its {@code order.created} event (transactional
 * outbox); the order id is the journey id. Requests are idempotent per tenant and
 * {@code Idempotency-Key}. The journey's progress is read from the read model. An agent's cancel request
 * is stored once per order with its {@code order.cancel-requested} event, in the same way.
 *
 * <p>Public API for other capabilities: {@link dev.carepath.portal.journeys.Journeys#tenantOf}.
 */
package dev.carepath.portal.journeys;
