package dev.carepath.connectors.payments;

/**
 * A refund of (part of) an earlier charge.
 *
 * @param idempotencyKey stable per refund, so a compensation that runs twice refunds once
 * @param amountMinor    amount in minor units, at most what is left to refund on the charge
 */
public record RefundRequest(String processor, String idempotencyKey, String merchantAccount, String chargeId,
                            long amountMinor) {
}
