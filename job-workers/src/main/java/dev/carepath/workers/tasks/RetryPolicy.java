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
 * @param maxCircuitOpenWaits how often in a row a task may find its partner's circuit breaker open and wait
 *                       for it to close again without spending a try; the next refusal spends one (and
 *                       starts a new run), so a partner that stays down still ends in an incident
 */
@ConfigurationProperties("carepath.workers.retries")
public record RetryPolicy(
        @DefaultValue("5") int attempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("30") int maxCircuitOpenWaits) {

    /** Retries left when a try was not made (the circuit breaker refused it): as many as before. */
    int retriesUnspent(Integer current) {
        return current == null ? attempts : current;
    }

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
