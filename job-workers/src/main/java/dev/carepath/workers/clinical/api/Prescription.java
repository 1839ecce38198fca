package dev.carepath.workers.clinical.api;

import java.time.Instant;

/**
 * What an e-prescription carries, with the order cycle it was written in and when it was recorded: PHI, to be
 * sent to the pharmacy or shown to whoever was allowed to read it, and nowhere else.
 */
public record Prescription(String rxId, String orderId, int cycle, String medication, String doseMg, int quantity,
        String directions, String prescriberNpi, Instant recordedAt) {
}
