/**
 * Signed webhooks to the tenants (outbound), schema {@code callbacks}. The {@code callbacks} consumer of the
 * event backbone (queue {@code carepath.events.portal-callbacks}, idempotent on event id) turns a journey's
 * milestones ({@link dev.carepath.portal.callbacks.Milestone}) into deliveries to the tenant's callback URL: a
 * small JSON of references, never PHI, signed per Standard Webhooks ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}) with the tenant's {@code whsec_} secrets. The delivery
 * table is the queue: every portal node claims due rows with {@code FOR UPDATE SKIP LOCKED}; a journey's
 * deliveries go out in order; failures retry with exponential backoff and jitter until the retry window closes,
 * then the delivery is {@code FAILED} and staff may replay it. The tenant's callback URL is read through the
 * tenants capability's Java API, never its tables.
 */
package dev.carepath.portal.callbacks;
