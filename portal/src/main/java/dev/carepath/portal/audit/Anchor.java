package dev.carepath.portal.audit;

import java.time.Instant;

/**
 * The head of one tenant's audit chain at one moment, as anchored outside the database.
 *
 * @param tenantId   the tenant
 * @param chainSeq   the position of the chain's newest row, which is the chain's number of rows
 * @param headHash   that row's hash
 * @param anchoredAt when the head was read
 */
public record Anchor(String tenantId, long chainSeq, String headHash, Instant anchoredAt) {
}
