package dev.carepath.connectors.payments;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;

/**
 * A payment processor, seen from carepath. Declines are thrown as {@link PartnerRejectedException} with code
 * {@value #PAYMENT_DECLINED} (charges) or {@value #REFUND_REJECTED} (refunds); a processor that cannot answer
 * as {@link PartnerUnavailableException}, after which the call is retried with the same idempotency key.
 */
public interface PaymentGateway {

    /** The processor declined the charge; the reason says why, e.g. {@code card_declined}. */
    String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    /** The processor refused the refund, e.g. {@code amount_exceeds_refundable}. */
    String REFUND_REJECTED = "REFUND_REJECTED";

    /** Charges a tokenized payment method; the same idempotencyKey always yields the same charge. */
    ChargeResult charge(ChargeRequest request);

    /** Refunds (part of) a charge; the same idempotencyKey always yields the same refund. */
    RefundResult refund(RefundRequest request);
}
