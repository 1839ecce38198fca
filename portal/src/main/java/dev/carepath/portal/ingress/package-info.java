/**
 * Partner webhook ingress, schema {@code ingress}: {@code POST /webhooks/telehealth/{network}} and
 * {@code POST /webhooks/pharmacy/{pharmacy}}. A webhook is accepted only with a valid HMAC-SHA256
 * signature over its raw body and a fresh timestamp, at most once per partner event id, and is
 * normalized into a carepath domain event ({@code visit.completed}, {@code rx.dispensed},
 * {@code shipment.shipped}, {@code shipment.delivered}, {@code shipment.exception}) through the outbox, in the order's tenant. The order is resolved through
 * the journeys capability's Java API, never its tables.
 */
package dev.carepath.portal.ingress;
