package dev.carepath.workers.payments;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.payments.*}: what a cycle costs, and the secrets of the tenants' merchant accounts. Where a tenant is
 * charged is no setting: provisioning chooses it ({@link Merchants}).
 *
 * @param processor         the processor of a tenant the workers learned no merchant of, when
 *                          {@code fallbackMerchant} is on
 * @param fallbackMerchant  whether a tenant without a provisioned merchant (tenants of tests and tools that start
 *                          journeys without the portal) is charged at {@code processor} under
 *                          {@code merchant-<tenant>}; off in production, where such a charge waits for provisioning
 *                          and then becomes an incident
 * @param currency          ISO 4217 currency of the prices
 * @param visitFeeMinor     the visit fee, in minor units
 * @param therapyPriceMinor price of one cycle's medication per therapy, in minor units
 * @param merchantKeys      the API key each processor issued to each merchant account (secrets, from the
 *                          environment: {@code CAREPATH_PAYMENTS_MERCHANTKEYS_0_PROCESSOR}, {@code ..._MERCHANTACCOUNT},
 *                          {@code ..._KEY}, then {@code _1_} …); an account without a key is sent without one
 */
@ConfigurationProperties("carepath.payments")
record PaymentsProperties(
        @DefaultValue(DEFAULT_PROCESSOR) String processor,
        @DefaultValue("true") boolean fallbackMerchant,
        @DefaultValue("USD") String currency,
        @DefaultValue("4900") long visitFeeMinor,
        Map<String, Long> therapyPriceMinor,
        List<MerchantKey> merchantKeys) {

    /** The processor of tenants provisioned without naming one. */
    static final String DEFAULT_PROCESSOR = "northpay";

    PaymentsProperties {
        merchantKeys = merchantKeys == null ? List.of() : List.copyOf(merchantKeys);
    }

    long cycleAmountMinor(String therapy) {
        Long price = therapyPriceMinor == null ? null : therapyPriceMinor.get(therapy);
        if (price == null) {
            throw new IllegalStateException("no price configured for therapy " + therapy);
        }
        return price + visitFeeMinor;
    }

    /** Where a tenant without a provisioned merchant is charged, if {@code fallbackMerchant} is on. */
    Optional<Merchant> fallbackMerchant(String tenantId) {
        return fallbackMerchant ? Optional.of(new Merchant(processor, "merchant-" + tenantId)) : Optional.empty();
    }

    /** The key {@code processor} issued to {@code merchantAccount}, if one is configured. */
    Optional<String> keyOf(String processor, String merchantAccount) {
        return merchantKeys.stream()
                .filter(key -> key.processor().equals(processor) && key.merchantAccount().equals(merchantAccount))
                .map(MerchantKey::key).findFirst();
    }

    /** One merchant account's API key at a processor; {@link #toString()} never shows the key. */
    record MerchantKey(String processor, String merchantAccount, String key) {

        @Override
        public String toString() {
            return "MerchantKey[processor=" + processor + ", merchantAccount=" + merchantAccount + ", key=<redacted>]";
        }
    }
}
