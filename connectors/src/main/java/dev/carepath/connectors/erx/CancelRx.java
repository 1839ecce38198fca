package dev.carepath.connectors.erx;

/**
 * An NCPDP-style CancelRx message: asks the pharmacy to stop a prescription it has not dispensed yet. The reason
 * may be clinical: {@link #toString()} leaves it out.
 *
 * @param pharmacy          the pharmacy the NewRx went to, e.g. {@code cedar-pharmacy}
 * @param messageId         our id for this cancel message; the pharmacy deduplicates on it
 * @param originalMessageId the Rx id that was the NewRx's message id
 * @param reason            why we cancel, e.g. {@code patient_request}
 */
public record CancelRx(String pharmacy, String messageId, String originalMessageId, String reason) {

    @Override
    public String toString() {
        return "CancelRx[pharmacy=" + pharmacy + ", messageId=" + messageId + ", originalMessageId="
                + originalMessageId + ", <reason redacted>]";
    }
}
