package dev.carepath.simulator.scenarios;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The scenarios in force, one per client reference (order id). The partners ask at the moment they act (a visit
 * completing, a NewRx arriving, a parcel reaching its last stop), so a scenario set after booking still applies.
 */
@Component
public class SandboxScenarios {

    private final Map<String, SandboxScenario> byClientReference = new ConcurrentHashMap<>();

    /** The scenario for the order, or empty: behave as configured. */
    public Optional<SandboxScenario> of(String clientReference) {
        return clientReference == null ? Optional.empty() : Optional.ofNullable(byClientReference.get(clientReference));
    }

    /** Sets (or replaces) the order's scenario. */
    void put(String clientReference, SandboxScenario scenario) {
        byClientReference.put(clientReference, scenario);
    }

    Map<String, SandboxScenario> all() {
        return new TreeMap<>(byClientReference);
    }

    void remove(String clientReference) {
        byClientReference.remove(clientReference);
    }

    void clear() {
        byClientReference.clear();
    }
}
