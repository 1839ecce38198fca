/**
 * Decision tables for staff ({@code /v1/admin/decisions/**}): deploying an edited table to the engine only when it
 * passes its golden cases, recording every accepted version with its {@code decision.deployed} event in schema
 * {@code decisions} (transactional outbox), and what-if evaluation against the version in force. The engine is
 * reached through its REST API with the portal's service account. Why: docs/adr/0004-decision-tables-edited-without-a-redeploy.md.
 */
package dev.carepath.portal.decisions;
