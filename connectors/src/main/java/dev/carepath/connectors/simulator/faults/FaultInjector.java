package dev.carepath.connectors.simulator.faults;

import dev.carepath.connectors.simulator.PartnerKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** The faults in force per partner kind, and the dice that decide whether a request or webhook is hit. */
@Component
public class FaultInjector {

    private final FaultProperties configured;
    private final Map<PartnerKind, FaultSettings> current = new ConcurrentHashMap<>();

    FaultInjector(FaultProperties configured) {
        this.configured = configured;
        reset();
    }

    /** Whether the next webhook of this kind is to be delivered twice. */
    public boolean duplicateWebhook(PartnerKind kind) {
        return roll(settings(kind).duplicateWebhookRate());
    }

    FaultSettings settings(PartnerKind kind) {
        return current.get(kind);
    }

    Map<PartnerKind, FaultSettings> all() {
        Map<PartnerKind, FaultSettings> all = new EnumMap<>(PartnerKind.class);
        all.putAll(current);
        return all;
    }

    FaultSettings update(PartnerKind kind, FaultSettings.LatencyRange latencyMs, Double errorRate,
                         Double duplicateWebhookRate) {
        return current.compute(kind, (k, settings) -> settings.with(latencyMs, errorRate, duplicateWebhookRate));
    }

    /** Back to the configured faults. */
    void reset() {
        for (PartnerKind kind : PartnerKind.values()) {
            current.put(kind, Objects.requireNonNull(configured.of(kind), "simulator.faults." + kind.id() + " is not configured"));
        }
    }

    long pickLatencyMs(PartnerKind kind) {
        FaultSettings.LatencyRange latency = settings(kind).latencyMs();
        return ThreadLocalRandom.current().nextLong(latency.min(), latency.max() + 1);
    }

    boolean failRequest(PartnerKind kind) {
        return roll(settings(kind).errorRate());
    }

    private static boolean roll(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
