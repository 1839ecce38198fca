package dev.carepath.connectors.pricing;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A partner's price list: per therapy, a price in minor units (cents), and the states where another price applies.
 *
 * @param partner   the partner id, e.g. {@code cedar-pharmacy}
 * @param currency  ISO 4217 code of every price
 * @param therapies the therapies it quotes; one it does not list, it does not quote
 */
public record PriceList(String partner, String currency, List<TherapyPrices> therapies) {

    public PriceList {
        therapies = therapies == null ? List.of() : List.copyOf(therapies);
    }

    /** One therapy's prices: {@code priceCents} wherever {@code statePrices} (state code to price) names no other. */
    public record TherapyPrices(String therapy, long priceCents, Map<String, Long> statePrices) {

        public TherapyPrices {
            statePrices = statePrices == null ? Map.of() : Map.copyOf(statePrices);
        }
    }

    /** What the partner charges for {@code therapy} in {@code stateCode}; empty when it does not quote the therapy. */
    public OptionalLong priceCents(String stateCode, String therapy) {
        return therapies.stream().filter(prices -> prices.therapy().equals(therapy)).findFirst()
                .map(prices -> OptionalLong.of(prices.statePrices().getOrDefault(stateCode, prices.priceCents())))
                .orElse(OptionalLong.empty());
    }
}
