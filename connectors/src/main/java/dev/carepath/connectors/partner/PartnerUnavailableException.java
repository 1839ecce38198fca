package dev.carepath.connectors.partner;

/**
 * The partner could not give an answer: a 5xx, 408 or 429, a timeout, a refused connection or an unreadable
 * response. The outcome at the partner is unknown, so callers retry with the same idempotency key.
 */
public class PartnerUnavailableException extends RuntimeException {

    private final String partner;

    public PartnerUnavailableException(String partner, String message, Throwable cause) {
        super(message, cause);
        this.partner = partner;
    }

    /** The partner id, e.g. {@code meridian-health}. */
    public String partner() {
        return partner;
    }
}
