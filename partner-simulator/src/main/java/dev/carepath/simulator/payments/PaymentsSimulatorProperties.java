package dev.carepath.simulator.payments;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated processors ({@code simulator.payments.processors}) and the API keys they issued to merchant accounts
 * ({@code simulator.payments.merchant-keys[n].processor}, {@code .merchant-account}, {@code .key}). A merchant
 * account with a key must send it as {@code Authorization: Bearer}; one without a key is a test account, served
 * without.
 */
@ConfigurationProperties("simulator.payments")
record PaymentsSimulatorProperties(Set<String> processors, List<MerchantKey> merchantKeys) {

    PaymentsSimulatorProperties {
        processors = processors == null ? Set.of() : Set.copyOf(processors);
        merchantKeys = merchantKeys == null ? List.of() : List.copyOf(merchantKeys);
    }

    /** The key {@code processor} issued to {@code merchantAccount}, if it issued one. */
    Optional<String> keyOf(String processor, String merchantAccount) {
        return merchantKeys.stream()
                .filter(key -> key.processor().equals(processor) && key.merchantAccount().equals(merchantAccount))
                .map(MerchantKey::key).findFirst();
    }

    /** A key a processor issued to a merchant account. */
    record MerchantKey(String processor, String merchantAccount, String key) {

        @Override
        public String toString() {
            return "MerchantKey[processor=" + processor + ", merchantAccount=" + merchantAccount + ", key=<redacted>]";
        }
    }
}
