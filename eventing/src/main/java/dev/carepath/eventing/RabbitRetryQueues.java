package dev.carepath.eventing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.messaging.Message;

/**
 * The retry queues of a consumer queue {@code q}: {@code q.retry.<delay>ms}, one per wait of the
 * schedule, each a durable quorum queue whose message TTL is that wait and whose dead-letter target
 * is {@code q} itself (default exchange, routing key {@code q}), with at-least-once dead-lettering.
 * All messages of one retry queue wait equally long, so none waits behind a longer one. The wait is
 * in the name: a changed schedule declares new queues instead of redeclaring existing ones with other
 * arguments (which RabbitMQ refuses); a retry queue of an old schedule empties itself into its
 * consumer queue and may then be deleted.
 *
 * <p>A message goes to its retry queue as it arrived (same body, properties and headers, the attempt
 * header raised) through the default exchange, so only the failing consumer sees it again, and the
 * publish waits for the broker's confirm before the caller acknowledges the original.
 */
class RabbitRetryQueues implements BrokerRetries.RetryQueues {

    static final String RETRY_INFIX = ".retry.";

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    RabbitRetryQueues(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    static String retryQueueOf(String queue, Duration delay) {
        return queue + RETRY_INFIX + delay.toMillis() + "ms";
    }

    static Map<String, Object> argumentsOf(String queue, Duration delay) {
        return Map.of(
                "x-queue-type", "quorum",
                "x-message-ttl", delay.toMillis(),
                "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", queue,
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish");
    }

    @Override
    public void publish(String queue, Duration delay, Message<?> message, int nextAttempt) {
        String retryQueue = retryQueueOf(queue, delay);
        declare(queue, delay, retryQueue);
        org.springframework.amqp.core.Message retry = copyOf(message, nextAttempt);
        CorrelationData confirm = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send("", retryQueue, retry, confirm);
        try {
            var outcome = confirm.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!outcome.isAck()) {
                throw new IllegalStateException("the broker refused the message for " + retryQueue + ": "
                        + outcome.getReason());
            }
            if (confirm.getReturned() != null) {
                throw new IllegalStateException("the broker could not route the message to " + retryQueue);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the confirm of " + retryQueue, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no confirm for the message to " + retryQueue, e);
        }
    }

    private void declare(String queue, Duration delay, String retryQueue) {
        if (declared.contains(retryQueue)) {
            return;
        }
        rabbit.execute(channel -> channel.queueDeclare(retryQueue, true, false, false, argumentsOf(queue, delay)));
        declared.add(retryQueue);
    }

    private static org.springframework.amqp.core.Message copyOf(Message<?> message, int nextAttempt) {
        Object source = message.getHeaders().get(IntegrationMessageHeaderAccessor.SOURCE_DATA);
        if (!(source instanceof org.springframework.amqp.core.Message original)) {
            throw new IllegalStateException("the consumed message does not carry its AMQP original");
        }
        MessageProperties properties = MessagePropertiesBuilder.fromClonedProperties(original.getMessageProperties())
                .setHeader(BrokerRetries.ATTEMPT_HEADER, nextAttempt)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        properties.setReceivedDeliveryMode(null);
        return new org.springframework.amqp.core.Message(original.getBody(), properties);
    }
}
