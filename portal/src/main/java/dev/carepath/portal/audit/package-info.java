/**
 * The audit store, schema {@code audit}: every domain event on the backbone (consumer group
 * {@code portal-audit}, idempotent by event id) stored once, append-only, in a SHA-256 hash chain per
 * tenant; {@link dev.carepath.portal.audit.AuditAnchors} anchors each chain's head in a signed
 * append-only log outside the database; {@link dev.carepath.portal.audit.AuditTrail} verifies the chains
 * against their anchors and replays the stored events in order, which is how read models are rebuilt.
 *
 * <p>Public API: {@link dev.carepath.portal.audit.AuditTrail}, {@link dev.carepath.portal.audit.AuditAnchors},
 * {@link dev.carepath.portal.audit.Anchor}, {@link dev.carepath.portal.audit.AuditReport} and
 * {@link dev.carepath.portal.audit.ChainVerification}.
 */
package dev.carepath.portal.audit;
