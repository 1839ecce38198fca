package dev.carepath.connectors.pricing;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;

/**
 * {@link PriceLists} over the pharmacies' API: {@code GET /erx/{pharmacy}/price-list}. Uncached: every call asks
 * the partner ({@link CachingPriceLists} keeps answers for a while).
 */
public class HttpPriceLists implements PriceLists {

    private final PartnerHttp http;

    public HttpPriceLists(PartnerHttp http) {
        this.http = http;
    }

    @Override
    public PriceList of(String partner) {
        PriceList list = http.call(partner, "price-list", PartnerRejectedException.REQUEST_REFUSED,
                rest -> rest.get().uri("/erx/{pharmacy}/price-list", partner), PriceList.class);
        return new PriceList(partner, list.currency(), list.therapies());
    }
}
