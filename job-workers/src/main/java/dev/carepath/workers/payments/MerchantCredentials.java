package dev.carepath.workers.payments;

import dev.carepath.connectors.payments.ProcessorCredentials;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The merchant accounts' processor keys for the payment gateway, from {@code carepath.payments.merchant-keys}. */
@Component
class MerchantCredentials implements ProcessorCredentials {

    private final PaymentsProperties payments;

    MerchantCredentials(PaymentsProperties payments) {
        this.payments = payments;
    }

    @Override
    public Optional<String> apiKey(String processor, String merchantAccount) {
        return payments.keyOf(processor, merchantAccount);
    }
}
