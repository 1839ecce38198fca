package dev.carepath.simulator.pharmacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The pharmacies' price lists as they stand now: the configured ones ({@code simulator.pharmacy.pharmacies.*.prices})
 * until a sandbox call changes a price ({@link PriceListAdminController}), so a test or the demo can make a pharmacy
 * dearer without a restart and see routing follow.
 */
@Component
class PharmacyPriceLists {

    /** A pharmacy's price list as it answers it: per therapy, the price and the states where it differs. */
    record PriceList(String pharmacy, String currency, List<TherapyPrices> therapies) {
    }

    /** One therapy's prices, in cents: {@code priceCents} wherever {@code statePrices} names no other. */
    record TherapyPrices(String therapy, long priceCents, Map<String, Long> statePrices) {
    }

    private static final String CURRENCY = "USD";

    private final PharmacySimulatorProperties properties;
    /** Pharmacy to therapy to its prices; each value replaced whole, never changed in place. */
    private final Map<String, Map<String, PharmacySimulatorProperties.TherapyPrice>> current = new ConcurrentHashMap<>();

    PharmacyPriceLists(PharmacySimulatorProperties properties) {
        this.properties = properties;
        restore();
    }

    /** The pharmacy's list, therapies in alphabetical order; empty for a pharmacy the simulator does not play. */
    Optional<PriceList> of(String pharmacy) {
        return Optional.ofNullable(current.get(pharmacy)).map(prices -> new PriceList(pharmacy, CURRENCY,
                new TreeMap<>(prices).entrySet().stream()
                        .map(e -> new TherapyPrices(e.getKey(), e.getValue().priceCents(),
                                new TreeMap<>(e.getValue().states())))
                        .toList()));
    }

    /** What became of a price change. */
    enum Change { CHANGED, UNKNOWN_PHARMACY, UNLISTED_THERAPY }

    /**
     * Sets the price of {@code therapy} at {@code pharmacy}: in {@code stateCode} only, or, when it is null, wherever
     * no state price applies (a therapy the pharmacy did not list becomes listed). A state price needs the therapy
     * listed first; otherwise nothing changes.
     */
    Change set(String pharmacy, String therapy, String stateCode, long priceCents) {
        Change[] outcome = {Change.UNKNOWN_PHARMACY};
        current.computeIfPresent(pharmacy, (id, prices) -> {
            PharmacySimulatorProperties.TherapyPrice before = prices.get(therapy);
            if (stateCode != null && before == null) {
                outcome[0] = Change.UNLISTED_THERAPY;
                return prices;
            }
            Map<String, Long> states = new LinkedHashMap<>(before == null ? Map.of() : before.states());
            long elsewhere = priceCents;
            if (stateCode != null) {
                states.put(stateCode, priceCents);
                elsewhere = before.priceCents();
            }
            Map<String, PharmacySimulatorProperties.TherapyPrice> changed = new LinkedHashMap<>(prices);
            changed.put(therapy, new PharmacySimulatorProperties.TherapyPrice(elsewhere, states));
            outcome[0] = Change.CHANGED;
            return Map.copyOf(changed);
        });
        return outcome[0];
    }

    /** Every price list back to the configured one. */
    void restore() {
        current.clear();
        properties.pharmacies().forEach((pharmacy, settings) -> current.put(pharmacy, Map.copyOf(settings.prices())));
    }
}
