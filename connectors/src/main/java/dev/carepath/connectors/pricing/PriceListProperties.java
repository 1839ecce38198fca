package dev.carepath.connectors.pricing;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whose prices routing compares and how long a price list is kept ({@code carepath.partners.price-lists.*}).
 *
 * @param pharmacies the pharmacies whose prices the pharmacy routing table takes as inputs
 *                   ({@link PharmacyPriceFacts}); the table names the same ones
 * @param ttl        how long a partner's price list is used before it is read again: a price change reaches
 *                   routing at most this much later
 */
@ConfigurationProperties("carepath.partners.price-lists")
public record PriceListProperties(
        @DefaultValue({"cedar-pharmacy", "harbor-mail-rx"}) List<String> pharmacies,
        @DefaultValue("30s") Duration ttl) {

    public PriceListProperties {
        if (pharmacies == null || pharmacies.isEmpty() || pharmacies.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new IllegalArgumentException("carepath.partners.price-lists.pharmacies must name the pharmacies");
        }
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("carepath.partners.price-lists.ttl must be zero or more");
        }
        pharmacies = List.copyOf(pharmacies);
    }
}
