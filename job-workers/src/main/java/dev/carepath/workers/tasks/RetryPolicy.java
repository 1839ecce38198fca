package dev.carepath.workers.tasks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounded retries with exponential backoff for failed tasks ({@code carepath.workers.retries.*}).
 * The engine counts the retries down on the task; at zero it raises an incident that staff see in
 * Cockpit and can retry.
 *
 * @param attempts       retries after the first failure
 * @param initialBackoff wait before the first retry; doubled for each further retry
 * @param maxBackoff     upper bound of the wait
 */
@ConfigurationProperties("carepath.workers.retries")
public record RetryPolicy(
        @DefaultValue("5") int attempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("60s") Duration maxBackoff) {

    /** Retries left after this failure, given what the engine reports ({@code null} before the first). */
    int retriesLeft(Integer current) {
        int before = current == null ? attempts : current;
        return Math.max(0, before - 1);
    }

    /** Wait before the next try: initial, 2×initial, 4×initial … capped at the maximum. */
    long backoffMillis(int retriesLeft) {
        int done = Math.max(0, attempts - retriesLeft - 1);
        long millis = initialBackoff.toMillis() << Math.min(done, 20);
        return Math.min(millis, maxBackoff.toMillis());
    }
}
