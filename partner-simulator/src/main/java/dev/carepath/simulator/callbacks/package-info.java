/**
 * A tenant's webhook receiver, for the demo: {@code POST /callbacks/{tenant}} takes carepath's signed tenant webhooks
 * the way a client's endpoint would. It verifies every Standard Webhooks signature against the tenant's secrets
 * ({@code PUT /admin/callbacks/{tenant}/secrets}), refuses a configurable share of deliveries with a 503 on purpose
 * ({@code simulator.callbacks.failure-rate}; the demo sets 0.2 under chaos) and records each one, so
 * {@code GET /callbacks/summary} can count deliveries, duplicates, bad signatures and order violations per journey,
 * and {@code GET /callbacks/received} lists the backbone event ids whose milestones arrived. Its signature check is
 * written here on its own, not shared with the portal's signer, so the two check each other.
 */
package dev.carepath.simulator.callbacks;
