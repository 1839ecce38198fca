package dev.carepath.portal.decisions;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.connectors.pricing.CachingPriceLists;
import dev.carepath.connectors.pricing.HttpPriceLists;
import dev.carepath.connectors.pricing.PharmacyPriceFacts;
import dev.carepath.connectors.pricing.PriceListProperties;
import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.GoldenCaseRunner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * One DMN engine for the portal: the deployment gate and what-if evaluations share it. And the pharmacies' price
 * lists, read the way the job-workers read them ({@code carepath.partners.*}), so a pharmacy routing what-if quotes
 * the prices the next journey would be routed on; only the pricing port, none of the other partners.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PartnerProperties.class, PriceListProperties.class})
class DecisionConfiguration {

    @Bean
    PharmacyPriceFacts pharmacyPriceFacts(PartnerProperties partners, PriceListProperties priceLists,
                                          ObjectProvider<RestClient.Builder> restClientBuilder) {
        PartnerHttp http = PartnerHttp.create(restClientBuilder.getIfAvailable(RestClient::builder), partners);
        return new PharmacyPriceFacts(new CachingPriceLists(new HttpPriceLists(http), priceLists.ttl()),
                priceLists.pharmacies());
    }

    @Bean
    DecisionEvaluator decisionEvaluator() {
        return new DecisionEvaluator();
    }

    @Bean
    GoldenCaseRunner goldenCaseRunner(DecisionEvaluator evaluator) {
        return new GoldenCaseRunner(evaluator);
    }
}
