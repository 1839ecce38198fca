package dev.carepath.workers.payments;

import dev.carepath.eventing.EventInbox;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code tenantMerchants} function: binding {@code tenantMerchants-in-0}, routing keys {@code tenant.provisioned}
 * and {@code tenant.merchant-changed} on {@code carepath.events}, consumer group {@value #CONSUMER}. Each event is
 * claimed in the {@code payments} schema in the same transaction as the merchant it sets ({@link Merchants}).
 */
@Configuration(proxyBeanMethods = false)
class TenantMerchantsConsumer {

    static final String CONSUMER = "job-workers-payments";

    @Bean
    Consumer<Message<byte[]>> tenantMerchants(EventInbox inbox, Merchants merchants) {
        return message -> inbox.consume(Charges.SCHEMA, CONSUMER, message, merchants::apply);
    }
}
