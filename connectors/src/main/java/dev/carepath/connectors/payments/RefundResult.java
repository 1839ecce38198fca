package dev.carepath.connectors.payments;

/** A refund the processor accepted. */
public record RefundResult(String processor, String refundId, String chargeId, long amountMinor) {
}
