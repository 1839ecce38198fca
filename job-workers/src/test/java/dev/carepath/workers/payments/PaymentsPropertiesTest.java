package dev.carepath.workers.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merchant keys and the fallback merchant of {@code carepath.payments}. */
class PaymentsPropertiesTest {

    private static final String NORTH_KEY = "sk_live_north_0001";
    private static final String KEYSTONE_KEY = "sk_live_keystone_0002";

    private final PaymentsProperties payments = properties(false);

    @Test
    void aKeyBelongsToOneMerchantAccountAtOneProcessor() {
        assertThat(payments.keyOf("northpay", "acct_acme")).contains(NORTH_KEY);
        assertThat(payments.keyOf("keystone-payments", "acct_acme")).contains(KEYSTONE_KEY);
        assertThat(payments.keyOf("northpay", "acct_other")).isEmpty();
        assertThat(new MerchantCredentials(payments).apiKey("keystone-payments", "acct_acme")).contains(KEYSTONE_KEY);
    }

    @Test
    void theSettingsNeverShowAKey() {
        assertThat(payments.toString()).contains("acct_acme", "northpay", "<redacted>")
                .doesNotContain(NORTH_KEY).doesNotContain(KEYSTONE_KEY);
    }

    @Test
    void aTenantWithoutAProvisionedMerchantIsChargedNowhereUnlessTheFallbackIsOn() {
        assertThat(payments.fallbackMerchant("acme")).isEmpty();
        assertThat(properties(true).fallbackMerchant("acme")).contains(new Merchant("northpay", "merchant-acme"));
    }

    private static PaymentsProperties properties(boolean fallback) {
        return new PaymentsProperties("northpay", fallback, "USD", 4_900, Map.of("semaglutide", 29_900L),
                List.of(new PaymentsProperties.MerchantKey("northpay", "acct_acme", NORTH_KEY),
                        new PaymentsProperties.MerchantKey("keystone-payments", "acct_acme", KEYSTONE_KEY)));
    }
}
