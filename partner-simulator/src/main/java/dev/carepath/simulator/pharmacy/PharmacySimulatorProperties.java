package dev.carepath.simulator.pharmacy;

import dev.carepath.simulator.shipping.Carrier;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated pharmacies ({@code simulator.pharmacy.*}).
 *
 * @param dispenseDelay time from an accepted NewRx to {@code rx.dispensed}; until then a CancelRx succeeds
 * @param shipDelay     time from dispensed to {@code shipment.shipped}
 * @param deliverDelay  time from shipped to {@code shipment.delivered}
 * @param pharmacies    pharmacy id to how it ships
 */
@ConfigurationProperties("simulator.pharmacy")
record PharmacySimulatorProperties(@DefaultValue("500ms") Duration dispenseDelay, Duration shipDelay,
                                   Duration deliverDelay, Map<String, Pharmacy> pharmacies) {

    PharmacySimulatorProperties {
        if (dispenseDelay == null || shipDelay == null || deliverDelay == null || pharmacies == null) {
            throw new IllegalArgumentException(
                    "simulator.pharmacy needs dispense-delay, ship-delay, deliver-delay and pharmacies");
        }
    }

    /**
     * @param carrier         the carrier it ships with, one of the simulated ones: {@code UPS} or {@code USPS}
     * @param prices          its price list at start, by therapy code; a therapy it does not list, it does not quote
     * @param reportsDelivery whether it announces what became of a parcel ({@code shipment.delivered},
     *                        {@code shipment.exception}), as a pharmacy that hears back from its carrier does; one
     *                        that does not (default: it does) hands the parcel over, announces {@code shipment.shipped}
     *                        with the tracking number and leaves the rest to the carrier's tracking
     */
    record Pharmacy(String carrier, Map<String, TherapyPrice> prices, @DefaultValue("true") boolean reportsDelivery) {

        Pharmacy {
            if (Carrier.byName(carrier).isEmpty()) {
                throw new IllegalArgumentException("simulator.pharmacy.pharmacies.*.carrier must be UPS or USPS, was "
                        + carrier);
            }
            prices = prices == null ? Map.of() : Map.copyOf(prices);
        }
    }

    /**
     * What a pharmacy charges for one cycle's supply of a therapy (drug and dispensing, in cents), in every state it
     * ships to unless {@code states} names another price for a state.
     *
     * @param priceCents the price in the states not named in {@code states}
     * @param states     state code (USPS) to the price there
     */
    record TherapyPrice(long priceCents, Map<String, Long> states) {

        TherapyPrice {
            states = states == null ? Map.of() : Map.copyOf(states);
            if (priceCents < 0 || states.values().stream().anyMatch(price -> price == null || price < 0)) {
                throw new IllegalArgumentException("simulator.pharmacy.pharmacies.*.prices must not be negative");
            }
        }
    }
}
