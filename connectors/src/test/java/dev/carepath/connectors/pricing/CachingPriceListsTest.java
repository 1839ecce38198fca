package dev.carepath.connectors.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carepath.connectors.partner.PartnerUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A price list is read once per time to live, a changed price is read after it, and a failed read is not kept. */
class CachingPriceListsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> asked = new ArrayList<>();
    private long cedarSemaglutide = 129_900;
    private boolean partnerDown;

    private final PriceLists partner = pharmacy -> {
        asked.add(pharmacy);
        if (partnerDown) {
            throw new PartnerUnavailableException(pharmacy, pharmacy + " price-list answered 503", null);
        }
        return new PriceList(pharmacy, "USD", List.of(
                new PriceList.TherapyPrices("semaglutide", cedarSemaglutide, Map.of("NY", 132_900L))));
    };

    private final CachingPriceLists cached = new CachingPriceLists(partner, Duration.ofSeconds(30), nanos::get);

    @Test
    void asksThePartnerOncePerTimeToLiveAndSeesAChangedPriceAfterIt() {
        assertThat(cached.of("cedar-pharmacy").priceCents("TX", "semaglutide")).hasValue(129_900);
        cedarSemaglutide = 139_900;
        advance(Duration.ofSeconds(29));
        assertThat(cached.of("cedar-pharmacy").priceCents("TX", "semaglutide")).hasValue(129_900);
        assertThat(asked).containsExactly("cedar-pharmacy");

        advance(Duration.ofSeconds(2));
        assertThat(cached.of("cedar-pharmacy").priceCents("TX", "semaglutide")).hasValue(139_900);
        assertThat(asked).containsExactly("cedar-pharmacy", "cedar-pharmacy");
    }

    @Test
    void aFailedReadIsNotKept() {
        partnerDown = true;
        assertThatThrownBy(() -> cached.of("cedar-pharmacy")).isInstanceOf(PartnerUnavailableException.class);
        partnerDown = false;

        assertThat(cached.of("cedar-pharmacy").priceCents("NY", "semaglutide")).hasValue(132_900);
        assertThat(asked).hasSize(2);
    }

    @Test
    void eachPartnerIsKeptApart() {
        cached.of("cedar-pharmacy");
        cached.of("harbor-mail-rx");
        cached.of("cedar-pharmacy");

        assertThat(asked).containsExactly("cedar-pharmacy", "harbor-mail-rx");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
