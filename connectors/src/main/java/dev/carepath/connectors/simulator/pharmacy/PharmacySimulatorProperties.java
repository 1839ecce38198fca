package dev.carepath.connectors.simulator.pharmacy;

import dev.carepath.connectors.simulator.shipping.Carrier;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated pharmacies ({@code simulator.pharmacy.*}).
 *
 * @param shipDelay    time from an accepted NewRx to {@code shipment.shipped}
 * @param deliverDelay time from shipped to {@code shipment.delivered}
 * @param pharmacies   pharmacy id to how it ships
 */
@ConfigurationProperties("simulator.pharmacy")
record PharmacySimulatorProperties(Duration shipDelay, Duration deliverDelay, Map<String, Pharmacy> pharmacies) {

    PharmacySimulatorProperties {
        if (shipDelay == null || deliverDelay == null || pharmacies == null) {
            throw new IllegalArgumentException("simulator.pharmacy needs ship-delay, deliver-delay and pharmacies");
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
