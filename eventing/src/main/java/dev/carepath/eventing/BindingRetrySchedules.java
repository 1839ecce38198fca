package dev.carepath.eventing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.classify.BinaryExceptionClassifier;

/**
 * The retry schedule of each consumer queue, read from its Spring Cloud Stream binding: queue
 * {@code <destination>.<group>} (the Rabbit binder's name for it), with the binding's
 * {@code max-attempts}, {@code back-off-*} and {@code retryable-exceptions} (defaults and overrides
 * merged as the binder merges them). The binder itself does not retry in the consumer thread
 * ({@link EventingAutoConfiguration#singleAttempt()}); these settings are run by the broker.
 */
class BindingRetrySchedules implements Function<String, Optional<BrokerRetries.RetrySchedule>> {

    private final BindingServiceProperties bindings;
    private volatile Map<String, BrokerRetries.RetrySchedule> byQueue;

    BindingRetrySchedules(BindingServiceProperties bindings) {
        this.bindings = bindings;
    }

    @Override
    public Optional<BrokerRetries.RetrySchedule> apply(String queue) {
        if (byQueue == null) {
            byQueue = read();
        }
        return Optional.ofNullable(byQueue.get(queue));
    }

    private Map<String, BrokerRetries.RetrySchedule> read() {
        Map<String, BrokerRetries.RetrySchedule> schedules = new HashMap<>();
        for (Map.Entry<String, BindingProperties> binding : bindings.getBindings().entrySet()) {
            BindingProperties properties = binding.getValue();
            if (properties.getGroup() == null || properties.getDestination() == null
                    || properties.getDestination().contains(",")) {
                continue;
            }
            ConsumerProperties consumer = bindings.getConsumerProperties(binding.getKey());
            schedules.put(properties.getDestination() + "." + properties.getGroup(), scheduleOf(consumer));
        }
        return Map.copyOf(schedules);
    }

    static BrokerRetries.RetrySchedule scheduleOf(ConsumerProperties consumer) {
        BinaryExceptionClassifier classifier = new BinaryExceptionClassifier(consumer.getRetryableExceptions(),
                consumer.isDefaultRetryable(), true);
        return new BrokerRetries.RetrySchedule(consumer.getMaxAttempts(),
                Duration.ofMillis(consumer.getBackOffInitialInterval()), consumer.getBackOffMultiplier(),
                Duration.ofMillis(consumer.getBackOffMaxInterval()), classifier);
    }
}
