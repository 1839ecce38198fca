package dev.carepath.simulator.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Named sets of faults, applied to every partner kind at once ({@code POST /admin/faults/profile/{name}}, or
 * {@code simulator.faults.profile} at startup). A profile keeps each kind's configured latency and sets every
 * rate. Declines are left out of both on purpose: they change a journey's outcome, not just its path, so they
 * are only ever switched on by themselves.
 */
enum FaultProfile {

    /** No faults: every rate 0. */
    CALM {
        @Override
        FaultSettings applyTo(FaultSettings configured) {
            return FaultSettings.calm(configured.latencyMs());
        }
    },

    /**
     * A bad day at every partner: 20 % of requests fail with 503, 5 % are handled but answered only after 6 s,
     * 20 % of webhooks come twice, 30 % of pharmacy sequences arrive newest first, 10 % of webhooks
     * come 5 s late; no declines.
     */
    CHAOS {
        @Override
        FaultSettings applyTo(FaultSettings configured) {
            return new FaultSettings(configured.latencyMs(), 0.2, 0.05, 6_000, 0, 0.2, 0.3, 0.1, Duration.ofSeconds(5));
        }
    };

    /** The settings for a kind configured as {@code configured}. */
    abstract FaultSettings applyTo(FaultSettings configured);

    /** The profile's name in URLs and configuration: {@code calm}, {@code chaos}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FaultProfile> byId(String id) {
        return Arrays.stream(values()).filter(profile -> profile.id().equals(id)).findFirst();
    }
}
