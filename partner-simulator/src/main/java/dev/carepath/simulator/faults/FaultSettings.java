package dev.carepath.simulator.faults;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How badly one partner kind behaves. Every setting has a calm default, so a kind configures only what it needs.
 *
 * @param latencyMs             each request waits a uniform random time in this range before it is handled
 * @param errorRate             share of requests (0..1) answered 503 without being handled
 * @param timeoutRate           share of requests (0..1) that ARE handled (the charge or prescription is made) but
 *                              whose answer is withheld for {@code timeoutMs}, longer than a client waits: the
 *                              "lost answer" that idempotency keys make safe
 * @param timeoutMs             how long such an answer is withheld
 * @param declineRate           payments only: share of charges (0..1) declined whatever the token, decided by the
 *                              idempotency key, so a retried key gets the same answer
 * @param duplicateWebhookRate  share of webhooks (0..1) delivered twice, with the same event id
 * @param outOfOrderWebhookRate share of event sequences (0..1) announced out of order: for pharmacies, newest
 *                              first ({@code shipment.delivered}, {@code shipment.shipped}, {@code rx.dispensed})
 * @param lateWebhookRate       share of webhooks (0..1) delivered {@code lateWebhookDelay} after the event
 * @param lateWebhookDelay      how late such a webhook is
 */
public record FaultSettings(
        @DefaultValue LatencyRange latencyMs,
        double errorRate,
        double timeoutRate,
        @DefaultValue("6000") long timeoutMs,
        double declineRate,
        double duplicateWebhookRate,
        double outOfOrderWebhookRate,
        double lateWebhookRate,
        @DefaultValue("30s") Duration lateWebhookDelay) {

    static final long DEFAULT_TIMEOUT_MS = 6_000;
    static final Duration DEFAULT_LATE_WEBHOOK_DELAY = Duration.ofSeconds(30);

    public FaultSettings {
        if (latencyMs == null) {
            throw new IllegalArgumentException("latencyMs is required");
        }
        requireShare("errorRate", errorRate);
        requireShare("timeoutRate", timeoutRate);
        requireShare("declineRate", declineRate);
        requireShare("duplicateWebhookRate", duplicateWebhookRate);
        requireShare("outOfOrderWebhookRate", outOfOrderWebhookRate);
        requireShare("lateWebhookRate", lateWebhookRate);
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
        }
        if (lateWebhookDelay == null || lateWebhookDelay.isNegative()) {
            throw new IllegalArgumentException("lateWebhookDelay must be zero or more, was " + lateWebhookDelay);
        }
    }

    /** No faults at all, with this latency. */
    public static FaultSettings calm(LatencyRange latencyMs) {
        return new FaultSettings(latencyMs, 0, 0, DEFAULT_TIMEOUT_MS, 0, 0, 0, 0, DEFAULT_LATE_WEBHOOK_DELAY);
    }

    /** These settings with the given changes; a {@code null} in {@code change} leaves a setting as it is. */
    FaultSettings with(FaultChange change) {
        return new FaultSettings(
                orElse(change.latencyMs(), latencyMs),
                orElse(change.errorRate(), errorRate),
                orElse(change.timeoutRate(), timeoutRate),
                orElse(change.timeoutMs(), timeoutMs),
                orElse(change.declineRate(), declineRate),
                orElse(change.duplicateWebhookRate(), duplicateWebhookRate),
                orElse(change.outOfOrderWebhookRate(), outOfOrderWebhookRate),
                orElse(change.lateWebhookRate(), lateWebhookRate),
                orElse(change.lateWebhookDelay(), lateWebhookDelay));
    }

    private static <T> T orElse(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    /** Milliseconds, both ends included; none by default. */
    public record LatencyRange(@DefaultValue("0") long min, @DefaultValue("0") long max) {

        public LatencyRange {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("latencyMs needs 0 <= min <= max, was " + min + ".." + max);
            }
        }
    }
}
