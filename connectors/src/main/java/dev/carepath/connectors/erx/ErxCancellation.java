package dev.carepath.connectors.erx;

/**
 * The pharmacy cancelled the prescription: it will not dispense or ship it.
 *
 * @param originalMessageId the Rx id the NewRx was sent under
 * @param status            the pharmacy's status, {@code cancelled}
 */
public record ErxCancellation(String pharmacy, String originalMessageId, String status) {
}
