package dev.carepath.connectors.simulator.faults;

/**
 * How badly one partner kind behaves.
 *
 * @param latencyMs            each request waits a uniform random time in this range before it is handled
 * @param errorRate            share of requests (0..1) answered 503 without being handled
 * @param duplicateWebhookRate share of webhooks (0..1) delivered twice, with the same event id
 */
public record FaultSettings(LatencyRange latencyMs, double errorRate, double duplicateWebhookRate) {

    public FaultSettings {
        if (latencyMs == null) {
            throw new IllegalArgumentException("latencyMs is required");
        }
        requireShare("errorRate", errorRate);
        requireShare("duplicateWebhookRate", duplicateWebhookRate);
    }

    /** These settings with the given changes; a {@code null} leaves a setting as it is. */
    public FaultSettings with(LatencyRange newLatency, Double newErrorRate, Double newDuplicateWebhookRate) {
        return new FaultSettings(
                newLatency != null ? newLatency : latencyMs,
                newErrorRate != null ? newErrorRate : errorRate,
                newDuplicateWebhookRate != null ? newDuplicateWebhookRate : duplicateWebhookRate);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    /** Milliseconds, both ends included. */
    public record LatencyRange(long min, long max) {

        public LatencyRange {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("latencyMs needs 0 <= min <= max, was " + min + ".." + max);
            }
        }
    }
}
