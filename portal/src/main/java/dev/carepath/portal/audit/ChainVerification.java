package dev.carepath.portal.audit;

/**
 * The result of verifying one tenant's audit chain.
 *
 * @param tenantId    the tenant
 * @param rowsChecked rows read up to and including the first broken link (all rows when intact)
 * @param brokenLink  the first broken link, or {@code null} when the chain is intact
 */
public record ChainVerification(String tenantId, long rowsChecked, BrokenLink brokenLink) {

    public boolean intact() {
        return brokenLink == null;
    }

    /**
     * Where a chain breaks.
     *
     * @param chainSeq the position in the tenant's chain of the first row that does not link
     * @param eventId  that row's event id
     * @param reason   what is wrong: the row's content does not match its hash, its previous hash does
     *                 not match the row before, or a position is missing
     */
    public record BrokenLink(long chainSeq, String eventId, String reason) {
    }
}
