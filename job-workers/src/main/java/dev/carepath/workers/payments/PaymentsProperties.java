package dev.carepath.workers.payments;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.payments.*}: what a cycle costs and which processor charges it.
 *
 * @param processor         the payment processor partner
 * @param currency          ISO 4217 currency of the prices
 * @param visitFeeMinor     the visit fee, in minor units
 * @param therapyPriceMinor price of one cycle's medication per therapy, in minor units
 */
@ConfigurationProperties("carepath.payments")
record PaymentsProperties(
        @DefaultValue("northpay") String processor,
        @DefaultValue("USD") String currency,
        @DefaultValue("4900") long visitFeeMinor,
        Map<String, Long> therapyPriceMinor) {

    long cycleAmountMinor(String therapy) {
        Long price = therapyPriceMinor == null ? null : therapyPriceMinor.get(therapy);
        if (price == null) {
            throw new IllegalStateException("no price configured for therapy " + therapy);
        }
        return price + visitFeeMinor;
    }
}
