package dev.carepath.connectors.erx;

/** The pharmacy accepted the prescription under its own id. */
public record ErxReceipt(String pharmacy, String pharmacyPrescriptionId, String messageId) {
}
