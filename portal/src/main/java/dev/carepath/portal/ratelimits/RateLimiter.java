package dev.carepath.portal.ratelimits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes tokens from buckets kept in {@code ratelimits.bucket} (Bucket4j's PostgreSQL proxy manager: each take is
 * one short transaction holding the bucket's row with {@code SELECT ... FOR UPDATE}), so every portal node shares
 * them. A bucket that has been full for a while is dropped from the table; it comes back full.
 */
@Component
class RateLimiter {

    /** The outcome of one take: allowed or not, the tokens left and the waits that go into the headers. */
    record Decision(String policy, RateLimitProperties.Limit limit, boolean allowed, long remaining,
            long retryAfterSeconds, long resetSeconds) {
    }

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("ratelimits.bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(60)))
                .build();
    }

    /** Takes one token from bucket {@code key} of size {@code limit}; {@code policy} names it in the headers. */
    Decision take(String policy, String key, RateLimitProperties.Limit limit) {
        ConsumptionProbe probe = buckets.getProxy(key, () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
        return new Decision(policy, limit, probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForRefill()), seconds(probe.getNanosToWaitForReset()));
    }

    /** Drops buckets that have refilled and stayed unused (Bucket4j marks when). */
    @Scheduled(fixedDelayString = "${carepath.rate-limits.cleanup-interval:60s}")
    void removeExpired() {
        while (buckets.removeExpired(1000) == 1000) {
            // more to drop
        }
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> limit.perSecond() == Math.rint(limit.perSecond())
                        ? bandwidth.capacity(limit.burst()).refillGreedy((long) limit.perSecond(), Duration.ofSeconds(1))
                        : bandwidth.capacity(limit.burst())
                                .refillGreedy(1, Duration.ofNanos((long) (1_000_000_000L / limit.perSecond()))))
                .build();
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
