package dev.carepath.workers.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(20), 3);

    @Test
    void retriesCountDownFromTheConfiguredAttemptsToZero() {
        assertThat(policy.retriesLeft(null)).isEqualTo(4);
        assertThat(policy.retriesLeft(4)).isEqualTo(3);
        assertThat(policy.retriesLeft(1)).isZero();
        assertThat(policy.retriesLeft(0)).isZero();
    }

    @Test
    void aTryTheCircuitBreakerRefusedSpendsNoRetry() {
        assertThat(policy.retriesUnspent(null)).isEqualTo(5);
        assertThat(policy.retriesUnspent(3)).isEqualTo(3);
    }

    @Test
    void backoffDoublesPerRetryAndIsCapped() {
        assertThat(policy.backoffMillis(4)).isEqualTo(2_000);
        assertThat(policy.backoffMillis(3)).isEqualTo(4_000);
        assertThat(policy.backoffMillis(2)).isEqualTo(8_000);
        assertThat(policy.backoffMillis(1)).isEqualTo(16_000);
        assertThat(policy.backoffMillis(0)).isEqualTo(20_000);
    }
}
