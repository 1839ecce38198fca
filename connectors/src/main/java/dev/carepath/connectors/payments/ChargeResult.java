package dev.carepath.connectors.payments;

/** A captured charge. */
public record ChargeResult(String processor, String chargeId, long amountMinor, String currency) {
}
