package dev.carepath.simulator.faults;

import dev.carepath.simulator.PartnerKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
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

    /** Whether the next sequence of webhooks of this kind is to be announced out of order. */
    public boolean outOfOrderWebhooks(PartnerKind kind) {
        return roll(settings(kind).outOfOrderWebhookRate());
    }

    /** How long to hold back the next webhook of this kind: zero, or the late-webhook delay. */
    public Duration webhookDelay(PartnerKind kind) {
        FaultSettings settings = settings(kind);
        return roll(settings.lateWebhookRate()) ? settings.lateWebhookDelay() : Duration.ZERO;
    }

    /**
     * Whether the payment processors decline the charge under this idempotency key, whatever its token. Decided
     * by the key, not by chance: asked again for the same key (at the same decline rate) the answer is the same.
     */
    public boolean declineCharge(String idempotencyKey) {
        double rate = settings(PartnerKind.PAYMENTS).declineRate();
        return rate > 0 && fractionOf(idempotencyKey) < rate;
    }

    FaultSettings settings(PartnerKind kind) {
        return current.get(kind);
    }

    Map<PartnerKind, FaultSettings> all() {
        Map<PartnerKind, FaultSettings> all = new EnumMap<>(PartnerKind.class);
        all.putAll(current);
        return all;
    }

    FaultSettings update(PartnerKind kind, FaultChange change) {
        return current.compute(kind, (k, settings) -> settings.with(change));
    }

    /** The profile's faults for every kind, each keeping its configured latency. */
    void apply(FaultProfile profile) {
        for (PartnerKind kind : PartnerKind.values()) {
            current.put(kind, profile.applyTo(configured.configured(kind)));
        }
    }

    /** Back to the configured faults (with the startup profile, if one is configured). */
    void reset() {
        for (PartnerKind kind : PartnerKind.values()) {
            current.put(kind, configured.of(kind));
        }
    }

    long pickLatencyMs(PartnerKind kind) {
        FaultSettings.LatencyRange latency = settings(kind).latencyMs();
        return ThreadLocalRandom.current().nextLong(latency.min(), latency.max() + 1);
    }

    boolean failRequest(PartnerKind kind) {
        return roll(settings(kind).errorRate());
    }

    /** How long to withhold the answer to the next request of this kind once it is handled: zero, or the timeout. */
    long withheldAnswerMs(PartnerKind kind) {
        FaultSettings settings = settings(kind);
        return roll(settings.timeoutRate()) ? settings.timeoutMs() : 0;
    }

    private static boolean roll(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** A fraction in [0, 1) spread evenly over keys and fixed for each. */
    static double fractionOf(String key) {
        long bits = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return (bits >>> 11) * 0x1.0p-53;
    }
}
