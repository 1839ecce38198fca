package dev.carepath.connectors.simulator.payments;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The simulated processors ({@code simulator.payments.processors}). */
@ConfigurationProperties("simulator.payments")
record PaymentsSimulatorProperties(Set<String> processors) {

    PaymentsSimulatorProperties {
        processors = processors == null ? Set.of() : Set.copyOf(processors);
    }
}
