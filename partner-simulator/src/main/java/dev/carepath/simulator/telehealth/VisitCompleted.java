package dev.carepath.simulator.telehealth;

import dev.carepath.simulator.webhooks.WebhookEvent;
import java.time.Instant;

/** The {@code visit.completed} webhook body. */
record VisitCompleted(String eventId, String type, String visitId, String clientReference, String outcome,
                      Instant occurredAt) implements WebhookEvent {

    static final String TYPE = "visit.completed";
    static final String PRESCRIBED = "prescribed";
    static final String NOT_PRESCRIBED = "not_prescribed";
}
