package dev.carepath.connectors.erx;

/**
 * An NCPDP-style NewRx message. Clinical content: {@link #toString()} shows only the references.
 *
 * @param pharmacy        the pharmacy id the routing chose, e.g. {@code cedar-pharmacy}
 * @param messageId       our Rx id; the pharmacy deduplicates on it
 * @param clientReference our order id; the pharmacy echoes it in its webhooks
 * @param stateCode       the state the medication ships to
 */
public record NewRx(String pharmacy, String messageId, String clientReference, String stateCode, String medication,
                    String doseMg, int quantity, String directions, String prescriberNpi) {

    @Override
    public String toString() {
        return "NewRx[pharmacy=" + pharmacy + ", messageId=" + messageId + ", clientReference=" + clientReference
                + ", stateCode=" + stateCode + ", <clinical details redacted>]";
    }
}
