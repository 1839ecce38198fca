package dev.carepath.portal.audit;

import java.util.List;

/**
 * The result of verifying audit chains against their anchors.
 *
 * @param intact  true when every chain verifies and the anchor log holds no refused line
 * @param chains  each tenant's verification
 * @param anchors the anchor log: where it is, how many lines verified, how many were refused (a line whose
 *                signature does not verify: forged or altered)
 */
public record AuditReport(boolean intact, List<ChainVerification> chains, Anchors anchors) {

    /**
     * @param location where the anchor log is
     * @param valid    lines whose signature verifies
     * @param refused  lines whose signature does not
     */
    public record Anchors(String location, int valid, int refused) {
    }
}
