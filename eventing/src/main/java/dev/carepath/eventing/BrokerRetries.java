package dev.carepath.eventing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.Message;
import org.springframework.classify.BinaryExceptionClassifier;

/**
 * Retries a failed backbone message on the broker instead of in the consumer thread. A retryable
 * failure of attempt {@code n} (of the binding's {@code max-attempts}) republishes the message to the
 * consumer queue's retry queue for the wait before attempt {@code n + 1} (the binding's exponential
 * back-off: {@code back-off-initial-interval}, {@code -multiplier}, {@code -max-interval}); the retry
 * queue's message TTL dead-letters it back to the consumer's own queue, and the consumer thread takes the
 * next message at once. The last attempt's failure, and a failure the binding marks not retryable, are
 * rethrown: the binder republishes the message to the consumer's dead-letter queue, as before.
 *
 * <p>The attempt travels in the header {@value #ATTEMPT_HEADER}; a replayed dead letter (which loses it)
 * starts again at attempt 1.
 */
public class BrokerRetries {

    /** The attempt the message is on, 1 when absent. */
    public static final String ATTEMPT_HEADER = "x-carepath-attempt";

    private static final Logger log = LoggerFactory.getLogger(BrokerRetries.class);

    /** Where a message waits for its next attempt. */
    interface RetryQueues {
        /** Publishes {@code message} with {@code nextAttempt} to wait {@code delay}, then return to {@code queue}. */
        void publish(String queue, Duration delay, Message<?> message, int nextAttempt);
    }

    private final Function<String, Optional<RetrySchedule>> schedules;
    private final RetryQueues queues;

    BrokerRetries(Function<String, Optional<RetrySchedule>> schedules, RetryQueues queues) {
        this.schedules = schedules;
        this.queues = queues;
    }

    /** No broker retries: every failure is rethrown (a consumer outside a binder, e.g. in unit tests). */
    public static BrokerRetries none() {
        return new BrokerRetries(queue -> Optional.empty(), (queue, delay, message, next) -> {
            throw new IllegalStateException("no retry queues");
        });
    }

    /**
     * Handles the failure of {@code message}: returns after handing it to its retry queue (the caller
     * then acknowledges it), or rethrows {@code failure} when the message is to be dead-lettered (or when
     * it did not come from a consumer queue with a retry schedule).
     */
    public void failed(Message<?> message, RuntimeException failure) {
        Object consumerQueue = message.getHeaders().get(AmqpHeaders.CONSUMER_QUEUE);
        if (!(consumerQueue instanceof String queue)) {
            throw failure;
        }
        RetrySchedule schedule = schedules.apply(queue).orElseThrow(() -> failure);
        int attempt = attemptOf(message);
        if (!schedule.retryable(failure) || attempt >= schedule.maxAttempts()) {
            throw failure;
        }
        Duration delay = schedule.delayAfter(attempt);
        try {
            queues.publish(queue, delay, message, attempt + 1);
        } catch (RuntimeException notHandedOver) {
            // Not in a retry queue: the binder dead-letters it, where staff see and replay it.
            log.warn("message {} of {} could not be handed to its retry queue ({}); dead-lettering it",
                    idOf(message), queue, notHandedOver.toString());
            failure.addSuppressed(notHandedOver);
            throw failure;
        }
        log.info("message {} of {} failed attempt {} of {} ({}); next attempt in {} ms",
                idOf(message), queue, attempt, schedule.maxAttempts(),
                failure.getClass().getSimpleName(), delay.toMillis());
    }

    /** The AMQP message id (the relay sets it to the event id). */
    private static Object idOf(Message<?> message) {
        return message.getHeaders().get(AmqpHeaders.MESSAGE_ID);
    }

    static int attemptOf(Message<?> message) {
        Object header = message.getHeaders().get(ATTEMPT_HEADER);
        if (header instanceof Number number) {
            return Math.max(1, number.intValue());
        }
        if (header != null) {
            try {
                return Math.max(1, Integer.parseInt(header.toString().trim()));
            } catch (NumberFormatException ignored) {
                return 1;
            }
        }
        return 1;
    }

    /**
     * A binding's retry settings.
     *
     * @param maxAttempts     attempts in all, the first included
     * @param initialInterval wait before the second attempt
     * @param multiplier      factor from one wait to the next
     * @param maxInterval     longest wait
     * @param classifier      which failures are retryable (the binding's {@code retryable-exceptions})
     */
    record RetrySchedule(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval,
            BinaryExceptionClassifier classifier) {

        /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
        Duration delayAfter(int attempt) {
            double millis = initialInterval.toMillis() * Math.pow(multiplier, attempt - 1);
            return Duration.ofMillis((long) Math.min(millis, maxInterval.toMillis()));
        }

        boolean retryable(Throwable failure) {
            return classifier.classify(failure);
        }
    }
}
