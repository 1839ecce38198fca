package dev.carepath.connectors;

import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.messaging.HttpMessagingGateway;
import dev.carepath.connectors.messaging.MessagingGateway;
import dev.carepath.connectors.messaging.MessagingProperties;
import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.connectors.payments.HttpPaymentGateway;
import dev.carepath.connectors.payments.PaymentGateway;
import dev.carepath.connectors.payments.ProcessorCredentials;
import dev.carepath.connectors.pricing.CachingPriceLists;
import dev.carepath.connectors.pricing.HttpPriceLists;
import dev.carepath.connectors.pricing.PharmacyPriceFacts;
import dev.carepath.connectors.pricing.PriceListProperties;
import dev.carepath.connectors.pricing.PriceLists;
import dev.carepath.connectors.shipping.HttpShippingCarriers;
import dev.carepath.connectors.shipping.ShippingCarriers;
import dev.carepath.connectors.telehealth.HttpTelehealthNetwork;
import dev.carepath.connectors.telehealth.TelehealthNetwork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The partner ports, backed by their HTTP adapters. Applications {@code @Import} this class; it scans nothing,
 * so the simulator never ends up in their context.
 *
 * <p>The adapters share one HTTP client built from the application's {@link RestClient.Builder} when Spring Boot
 * provides one (so observation and tracing customizers apply), with the timeouts and circuit breakers of
 * {@link PartnerProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PartnerProperties.class, MessagingProperties.class, PriceListProperties.class})
public class PartnerAdaptersConfiguration {

    @Bean
    public PartnerHttp partnerHttp(PartnerProperties properties, ObjectProvider<RestClient.Builder> restClientBuilder) {
        return PartnerHttp.create(restClientBuilder.getIfAvailable(RestClient::builder), properties);
    }

    @Bean
    public PaymentGateway paymentGateway(PartnerHttp partnerHttp, ObjectProvider<ProcessorCredentials> credentials) {
        return new HttpPaymentGateway(partnerHttp, credentials.getIfAvailable(ProcessorCredentials::none));
    }

    @Bean
    public TelehealthNetwork telehealthNetwork(PartnerHttp partnerHttp) {
        return new HttpTelehealthNetwork(partnerHttp);
    }

    @Bean
    public ErxNetwork erxNetwork(PartnerHttp partnerHttp) {
        return new HttpErxNetwork(partnerHttp);
    }

    @Bean
    public ShippingCarriers shippingCarriers(PartnerHttp partnerHttp) {
        return new HttpShippingCarriers(partnerHttp);
    }

    @Bean
    public MessagingGateway messagingGateway(PartnerHttp partnerHttp, MessagingProperties providers) {
        return new HttpMessagingGateway(partnerHttp, providers);
    }

    @Bean
    public PriceLists priceLists(PartnerHttp partnerHttp, PriceListProperties properties) {
        return new CachingPriceLists(new HttpPriceLists(partnerHttp), properties.ttl());
    }

    @Bean
    public PharmacyPriceFacts pharmacyPriceFacts(PriceLists priceLists, PriceListProperties properties) {
        return new PharmacyPriceFacts(priceLists, properties.pharmacies());
    }
}
