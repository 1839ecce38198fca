package dev.carepath.connectors.simulator.pharmacy;

import dev.carepath.connectors.simulator.shipping.Carrier;
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

    /** @param carrier the carrier it ships with, one of the simulated ones: {@code UPS} or {@code USPS} */
    record Pharmacy(String carrier) {

        Pharmacy {
            if (Carrier.byName(carrier).isEmpty()) {
                throw new IllegalArgumentException("simulator.pharmacy.pharmacies.*.carrier must be UPS or USPS, was "
                        + carrier);
            }
        }
    }
}
