package dev.carepath.connectors.erx;

/**
 * A request to ship an accepted prescription again.
 *
 * @param pharmacy          the pharmacy that filled it
 * @param messageId         this request's own id, stable per reship (resending it ships once)
 * @param originalMessageId the NewRx message id (our Rx id)
 */
public record Reship(String pharmacy, String messageId, String originalMessageId) {
}
