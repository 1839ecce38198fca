package dev.carepath.simulator.pharmacy;

import dev.carepath.simulator.webhooks.WebhookEvent;
import java.time.Instant;

/** The {@code rx.dispensed} webhook body (an RxFill): filled, not yet with a carrier, so no tracking number. */
record DispenseEvent(String eventId, String type, String pharmacyPrescriptionId, String messageId,
                     String clientReference, Instant occurredAt) implements WebhookEvent {

    static final String DISPENSED = "rx.dispensed";
}
