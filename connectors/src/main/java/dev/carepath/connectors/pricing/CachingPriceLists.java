package dev.carepath.connectors.pricing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * {@link PriceLists} that keeps each partner's answer for {@code ttl} (Caffeine, expiring after write): routing
 * every prescription does not ask the pharmacies each time, and a price a partner changes is used at most
 * {@code ttl} later, with no restart. A failed read is not kept: the next call asks again.
 */
public class CachingPriceLists implements PriceLists {

    private final LoadingCache<String, PriceList> cache;

    public CachingPriceLists(PriceLists source, Duration ttl) {
        this(source, ttl, Ticker.systemTicker());
    }

    /** With the cache's clock given, so a test can move time on. */
    CachingPriceLists(PriceLists source, Duration ttl, Ticker ticker) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("a price list's time to live must be zero or more");
        }
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(1_000)
                .build(source::of);
    }

    @Override
    public PriceList of(String partner) {
        return cache.get(partner);
    }
}
