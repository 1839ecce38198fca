package dev.carepath.simulator.telehealth;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated networks ({@code simulator.telehealth.*}).
 *
 * @param visitCompletionDelay       time from booking to the completed visit and its webhook
 * @param notPrescribedProbability   share (0..1) of visits that end without a prescription
 * @param notToleratedProbability    share (0..1) of follow-up visits that find the current dose not tolerated
 * @param networks                   network id to the states its providers are licensed in
 */
@ConfigurationProperties("simulator.telehealth")
record TelehealthSimulatorProperties(Duration visitCompletionDelay, double notPrescribedProbability,
                                     double notToleratedProbability, Map<String, Network> networks) {

    TelehealthSimulatorProperties {
        if (visitCompletionDelay == null || networks == null) {
            throw new IllegalArgumentException("simulator.telehealth needs visit-completion-delay and networks");
        }
        if (!(notPrescribedProbability >= 0 && notPrescribedProbability <= 1)) {
            throw new IllegalArgumentException("simulator.telehealth.not-prescribed-probability must be between 0 and 1");
        }
        if (!(notToleratedProbability >= 0 && notToleratedProbability <= 1)) {
            throw new IllegalArgumentException("simulator.telehealth.not-tolerated-probability must be between 0 and 1");
        }
    }

    record Network(Set<String> licensedStates) {

        Network {
            licensedStates = licensedStates == null ? Set.of() : Set.copyOf(licensedStates);
        }
    }
}
