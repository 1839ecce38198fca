package dev.carepath.connectors.payments;

/**
 * A charge through the tenant's merchant account.
 *
 * @param processor       the processor id, e.g. {@code northpay}
 * @param idempotencyKey  stable per order cycle: {@code tenant:order:cycle}
 * @param merchantAccount the tenant's merchant account at the processor
 * @param paymentToken    the client-side tokenized payment method; never logged
 * @param amountMinor     amount in minor units (cents)
 * @param currency        ISO 4217 code
 */
public record ChargeRequest(String processor, String idempotencyKey, String merchantAccount, String paymentToken,
                            long amountMinor, String currency) {

    @Override
    public String toString() {
        return "ChargeRequest[processor=" + processor + ", idempotencyKey=" + idempotencyKey + ", merchantAccount="
                + merchantAccount + ", paymentToken=<redacted>, amountMinor=" + amountMinor + ", currency=" + currency + "]";
    }
}
