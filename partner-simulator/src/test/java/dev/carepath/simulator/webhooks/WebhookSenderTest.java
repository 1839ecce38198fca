package dev.carepath.simulator.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    @Test
    void backsOffExponentiallyFromHalfASecondUpToTenSeconds() {
        assertThat(IntStream.rangeClosed(1, 19)
                .mapToObj(attempt -> WebhookSender.backoffAfter(attempt, Duration.ofMillis(500), Duration.ofSeconds(10)))
                .map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L, 10_000L, 10_000L, 10_000L,
                        10_000L, 10_000L, 10_000L, 10_000L, 10_000L, 10_000L, 10_000L, 10_000L, 10_000L);
    }
}
