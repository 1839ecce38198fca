package dev.carepath.connectors.partner;

import java.time.Duration;

/**
 * The partner was not called: its circuit breaker is open (or its half-open trial calls are taken). No
 * request left this service, so nothing happened at the partner; {@link #retryAfter()} says when the
 * breaker lets calls through again, which is when a retry is worth making.
 */
public class PartnerCircuitOpenException extends PartnerUnavailableException {

    private final transient Duration retryAfter;

    public PartnerCircuitOpenException(String partner, String message, Duration retryAfter, Throwable cause) {
        super(partner, message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long until the breaker lets a trial call through (at least 1 ms). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
