package dev.carepath.connectors.partner;

/**
 * The partner answered and said no: a 4xx or a business outcome such as a declined card, no licensed provider,
 * or a rejected prescription. Retrying the same request will not change the answer; callers turn the
 * {@link #code()} into a BPMN error.
 */
public class PartnerRejectedException extends RuntimeException {

    /** The partner saw the idempotency key before with a different request (HTTP 409). */
    public static final String IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT";
    /** The partner does not know the resource we referred to (HTTP 404). */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** Any other 4xx: the partner refused the request itself (bad input, credentials): an integration fault. */
    public static final String REQUEST_REFUSED = "PARTNER_REQUEST_REFUSED";

    private final String partner;
    private final String code;
    private final String reason;

    public PartnerRejectedException(String partner, String code, String reason) {
        super(partner + " rejected the request: " + code + " (" + reason + ")");
        this.partner = partner;
        this.code = code;
        this.reason = reason;
    }

    /** The partner id, e.g. {@code northpay}. */
    public String partner() {
        return partner;
    }

    /** Our code for the outcome, UPPER_SNAKE, e.g. {@code PAYMENT_DECLINED}. */
    public String code() {
        return code;
    }

    /** The partner's own reason, e.g. {@code card_declined}. */
    public String reason() {
        return reason;
    }
}
