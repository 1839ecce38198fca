/**
 * The audit store, schema {@code audit}: every domain event on the backbone (consumer group
 * {@code portal-audit}, idempotent by event id) stored once, append-only, in a SHA-256 hash chain per
 * tenant; {@link dev.carepath.portal.audit.AuditTrail} verifies the chains and replays the stored
 * events in order, which is how read models are rebuilt.
 *
 * <p>Public API: {@link dev.carepath.portal.audit.AuditTrail} and
 * {@link dev.carepath.portal.audit.ChainVerification}.
 */
package dev.carepath.portal.audit;
