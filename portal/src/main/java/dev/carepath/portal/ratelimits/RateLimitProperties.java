package dev.carepath.portal.ratelimits;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.rate-limits.*}: the token buckets' sizes. A bucket holds up to {@code burst} tokens and gains
 * {@code perSecond} a second; a request takes one.
 *
 * @param enabled     whether requests are limited at all
 * @param defaultPlan the plan of a tenant that {@code tenantPlans} does not name
 * @param plans       plans by name: the sizes of a tenant's bucket and of each of its clients' buckets
 * @param tenantPlans a tenant's plan, by tenant id
 * @param token       the bucket of each client id (or remote address) at {@code /oauth2/token}
 * @param webhooks    the bucket of each partner ({@code <kind>/<partner>}) at {@code /webhooks/**}
 */
@ConfigurationProperties("carepath.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("standard") String defaultPlan,
        Map<String, Plan> plans,
        Map<String, String> tenantPlans,
        Limit token,
        Limit webhooks) {

    /** A bucket's size: refill per second (a fraction is allowed: 0.5 is one every 2 s) and capacity. */
    record Limit(double perSecond, long burst) {
        Limit {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalStateException("carepath.rate-limits: per-second must be above 0, burst at least 1");
            }
        }

        /** The seconds a drained bucket takes to fill up again. */
        long window() {
            return Math.max(1, (long) Math.ceil(burst / perSecond));
        }
    }

    /** A tenant plan: the bucket of each client of the tenant and the tenant's shared bucket. */
    record Plan(double clientPerSecond, long clientBurst, double tenantPerSecond, long tenantBurst) {

        Limit client() {
            return new Limit(clientPerSecond, clientBurst);
        }

        Limit tenant() {
            return new Limit(tenantPerSecond, tenantBurst);
        }
    }

    RateLimitProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        tenantPlans = tenantPlans == null ? Map.of() : Map.copyOf(tenantPlans);
        if (enabled && (!plans.containsKey(defaultPlan) || token == null || webhooks == null)) {
            throw new IllegalStateException("carepath.rate-limits: the default plan '" + defaultPlan
                    + "', token and webhooks must be configured");
        }
        for (String plan : tenantPlans.values()) {
            if (!plans.containsKey(plan)) {
                throw new IllegalStateException("carepath.rate-limits.tenant-plans names an unknown plan " + plan);
            }
        }
    }

    /** The plan of {@code tenantId}; the default plan for none (the platform client). */
    Plan planOf(String tenantId) {
        return plans.get(tenantId == null ? defaultPlan : tenantPlans.getOrDefault(tenantId, defaultPlan));
    }
}
