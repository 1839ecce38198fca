package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.classify.BinaryExceptionClassifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Which failures wait on the broker for another attempt, for how long, and which are dead-lettered. */
class BrokerRetriesTest {

    private static final String QUEUE = "carepath.events.some-group";
    private static final BrokerRetries.RetrySchedule DEFAULTS = new BrokerRetries.RetrySchedule(6,
            Duration.ofMillis(500), 2.0, Duration.ofSeconds(8),
            new BinaryExceptionClassifier(Map.of(MalformedEventException.class, false), true, true));

    private record Handed(String queue, Duration delay, int nextAttempt) {
    }

    private final List<Handed> handed = new ArrayList<>();
    private final BrokerRetries retries = new BrokerRetries(
            queue -> queue.equals(QUEUE) ? Optional.of(DEFAULTS) : Optional.empty(),
            (queue, delay, message, next) -> handed.add(new Handed(queue, delay, next)));

    @Test
    void theWaitsGrowFromTheInitialIntervalAndAreCapped() {
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(DEFAULTS::delayAfter).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 8000L);
    }

    @Test
    void aFailedAttemptWaitsOnTheBrokerForTheNextOne() {
        retries.failed(message(3), new IllegalStateException("down"));

        assertThat(handed).containsExactly(new Handed(QUEUE, Duration.ofMillis(2000), 4));
    }

    @Test
    void aFirstFailureHasNoAttemptHeaderYet() {
        retries.failed(message(null), new IllegalStateException("down"));

        assertThat(handed).containsExactly(new Handed(QUEUE, Duration.ofMillis(500), 2));
    }

    @Test
    void theLastAttemptsFailureIsRethrownToBeDeadLettered() {
        IllegalStateException failure = new IllegalStateException("down");

        assertThatThrownBy(() -> retries.failed(message(6), failure)).isSameAs(failure);
        assertThat(handed).isEmpty();
    }

    @Test
    void aMalformedMessageIsRethrownAtOnce() {
        MalformedEventException failure = new MalformedEventException("not a carepath event envelope", null);

        assertThatThrownBy(() -> retries.failed(message(1), failure)).isSameAs(failure);
        assertThat(handed).isEmpty();
    }

    @Test
    void aMessageFromNoKnownConsumerQueueIsRethrown() {
        IllegalStateException failure = new IllegalStateException("down");
        Message<byte[]> unbound = MessageBuilder.withPayload(new byte[0]).build();

        assertThatThrownBy(() -> retries.failed(unbound, failure)).isSameAs(failure);
        assertThatThrownBy(() -> retries.failed(MessageBuilder.withPayload(new byte[0])
                .setHeader(AmqpHeaders.CONSUMER_QUEUE, "other").build(), failure)).isSameAs(failure);
    }

    @Test
    void aRetryTheBrokerDidNotTakeIsDeadLetteredInstead() {
        BrokerRetries refusing = new BrokerRetries(queue -> Optional.of(DEFAULTS), (queue, delay, message, next) -> {
            throw new IllegalStateException("no confirm");
        });
        IllegalStateException failure = new IllegalStateException("down");

        assertThatThrownBy(() -> refusing.failed(message(1), failure)).isSameAs(failure);
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("no confirm");
    }

    private static Message<byte[]> message(Integer attempt) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(new byte[0])
                .setHeader(AmqpHeaders.CONSUMER_QUEUE, QUEUE);
        if (attempt != null) {
            builder.setHeader(BrokerRetries.ATTEMPT_HEADER, attempt);
        }
        return builder.build();
    }
}
