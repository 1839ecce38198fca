package dev.carepath.portal.audit;

/**
 * The result of verifying one tenant's audit chain.
 *
 * @param tenantId    the tenant
 * @param rowsChecked rows read up to and including the first broken link (all rows when intact)
 * @param brokenLink  the first broken link, or {@code null} when the chain is intact
 * @param anchoredRows the rows of the tenant's latest anchor the chain was compared with, or {@code null}
 *                    when the chain has no anchor yet
 */
public record ChainVerification(String tenantId, long rowsChecked, BrokenLink brokenLink, Long anchoredRows) {

    public boolean intact() {
        return brokenLink == null;
    }

    /**
     * Where a chain breaks.
     *
     * @param chainSeq the position in the tenant's chain of the first row that does not link (for rows
     *                 deleted after the anchor: the first missing position)
     * @param eventId  that row's event id ({@code null} when the row is missing)
     * @param reason   what is wrong: the row's content does not match its hash, its previous hash does
     *                 not match the row before, a position is missing, its hash differs from the anchor's,
     *                 or the chain holds fewer rows than anchored ({@code rows deleted after anchor})
     */
    public record BrokenLink(long chainSeq, String eventId, String reason) {
    }
}
