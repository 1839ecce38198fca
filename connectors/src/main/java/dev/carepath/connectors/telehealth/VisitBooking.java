package dev.carepath.connectors.telehealth;

import java.time.Instant;

/** A scheduled visit. */
public record VisitBooking(String network, String visitId, Instant scheduledFor) {
}
