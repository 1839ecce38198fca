package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.test.context.ActiveProfiles;

/**
 * A backbone consumer whose effect fails for one event, against the real RabbitMQ with the backbone's
 * default retry settings (six attempts, 500 ms doubling up to 8 s): the next message on the queue is
 * not held while the failing one waits for its retries, the retries come with growing delays and are
 * bounded, then the message is in the consumer's dead-letter queue, from where a replay applies it.
 */
@SpringBootTest(classes = RetriesTestApplication.class, properties = {
        // No relay: OutboxRelayIT's context, which may share this JVM, stops and starts its own on the same outbox.
        "carepath.events.relay.enabled=false",
        "spring.cloud.function.definition=poisonable",
        "spring.cloud.stream.bindings.poisonable-in-0.destination=" + BrokerRetriesIT.EXCHANGE,
        "spring.cloud.stream.bindings.poisonable-in-0.group=" + RetriesTestApplication.CONSUMER,
        "spring.cloud.stream.rabbit.bindings.poisonable-in-0.consumer.binding-routing-key=#"})
@ActiveProfiles("it")
@Import(BrokerRetriesIT.Conversions.class)
class BrokerRetriesIT {

    /**
     * A message converter that converts nothing and counts what it is asked: Spring Cloud Function asks every
     * converter in turn when it converts a consumer's input.
     */
    static final class Conversions implements MessageConverter {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Object fromMessage(org.springframework.messaging.Message<?> message, Class<?> targetClass) {
            asked.incrementAndGet();
            return null;
        }

        @Override
        public org.springframework.messaging.Message<?> toMessage(Object payload, MessageHeaders headers) {
            return null;
        }
    }

    static final String EXCHANGE = "carepath.retries-it";
    private static final String QUEUE = EXCHANGE + "." + RetriesTestApplication.CONSUMER;
    private static final String DLQ = QUEUE + ".dlq";
    private static final String TENANT = "it-retries";
    private static final Duration RETRIES_EXHAUSTED = Duration.ofSeconds(60);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @Autowired
    RetriesTestApplication.PoisonableEffect effect;

    @Autowired
    Conversions conversions;

    /**
     * Native decoding (the eventing defaults): a consumer takes the body as the broker gave it and decodes the
     * envelope itself, so no converter is asked. Without it, Jackson first tried to read the JSON body as a byte[],
     * failed, and the conversion fell back: 3.6 % of the portal's CPU in the bench.
     */
    @Test
    void aConsumerGetsTheBodyAsReceivedWithoutAMessageConversion() {
        DomainEvent event = event();
        publish(event);
        await().atMost(RETRIES_EXHAUSTED).until(() -> effect.applied.containsKey(event.id()));
        assertThat(conversions.asked).hasValue(0);
    }

    @Test
    void aPoisonMessageDoesNotHoldTheNextMessageOnItsQueue() {
        DomainEvent warmUp = event();
        publish(warmUp);
        await().atMost(RETRIES_EXHAUSTED).until(() -> effect.applied.containsKey(warmUp.id()));
        DomainEvent poison = poisoned(event());
        DomainEvent next = event();

        Instant published = Instant.now();
        publish(poison);
        publish(next);

        await().atMost(RETRIES_EXHAUSTED).until(() -> effect.applied.containsKey(next.id()));
        Duration held = Duration.between(published, effect.applied.get(next.id()));
        System.out.printf("[BrokerRetriesIT] poison + next published; next applied after %d ms%n", held.toMillis());
        assertThat(effect.attempts.get(poison.id())).as("the poison message was tried first").isNotEmpty();
        // Not held: the next message was applied while the poison message waited for its second attempt (a consumer
        // that retried in place would have tried it again, six times over 15 s, before taking the next one).
        var poisonAttempts = effect.attempts.get(poison.id());
        assertThat(poisonAttempts.size() < 2 || effect.applied.get(next.id()).isBefore(poisonAttempts.get(1)))
                .as("the next message was applied before the poison message's second attempt").isTrue();
    }

    @Test
    void aFailingMessageIsRetriedWithGrowingDelaysThenDeadLetteredAndAReplayAppliesIt() throws Exception {
        DomainEvent poison = poisoned(event());

        publish(poison);

        GetResponse dead = await().atMost(RETRIES_EXHAUSTED).until(() -> deadLetter(poison.id()), m -> m != null);
        var attempts = effect.attempts.get(poison.id());
        // The defaults: six attempts; the waits before attempts 2..6 are 500 ms, 1, 2, 4 and 8 s.
        assertThat(attempts).hasSize(6);
        long[] expectedWaits = {500, 1000, 2000, 4000, 8000};
        for (int i = 0; i < expectedWaits.length; i++) {
            Duration wait = Duration.between(attempts.get(i), attempts.get(i + 1));
            System.out.printf("[BrokerRetriesIT] wait before attempt %d: %d ms%n", i + 2, wait.toMillis());
            // The retry queue's TTL is the least wait; how much longer it takes depends on the machine, not asserted.
            assertThat(wait.toMillis()).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(expectedWaits[i]);
        }
        assertThat(String.valueOf(dead.getProps().getHeaders().get("x-exception-message")))
                .contains("poisoned for the test");
        // Bounded: no further attempt once it is dead-lettered.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> effect.attempts.get(poison.id()).size() == 6);
        assertThat(effect.applied).doesNotContainKey(poison.id());

        // The cause is fixed; staff replay the dead letter to the consumer's own queue.
        effect.poisoned.remove(poison.subject());
        replay(dead);

        await().atMost(Duration.ofSeconds(10)).until(() -> effect.applied.containsKey(poison.id()));
        assertThat(effect.attempts.get(poison.id())).hasSize(7);
    }

    @Test
    void aMessageThatIsNoEventEnvelopeIsDeadLetteredAtOnce() {
        String messageId = UUID.randomUUID().toString();
        MessageProperties props = new MessageProperties();
        props.setMessageId(messageId);
        props.setContentType("application/json");

        send(EXCHANGE, "retries.tested", new Message("{\"id\": 1".getBytes(StandardCharsets.UTF_8), props));

        GetResponse dead = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(messageId), m -> m != null);
        assertThat(dead.getProps().getHeaders()).as("dead-lettered at its first attempt, never sent to a retry queue")
                .doesNotContainKey(BrokerRetries.ATTEMPT_HEADER);
        assertThat(String.valueOf(dead.getProps().getHeaders().get("x-exception-message")))
                .contains("not a carepath event envelope");
    }

    private DomainEvent event() {
        return new DomainEvent(UUID.randomUUID().toString(), "retries.tested", URI.create("/carepath/retries-it"),
                "agg-" + UUID.randomUUID(), TENANT, 1, OffsetDateTime.now(ZoneOffset.UTC), null, Map.of("n", 1));
    }

    private DomainEvent poisoned(DomainEvent event) {
        effect.poisoned.add(event.subject());
        return event;
    }

    private void publish(DomainEvent event) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(event.id());
        props.setContentType("application/json");
        props.setHeader("eventType", event.type());
        send(EXCHANGE, event.type(), new Message(codec.encode(event), props));
    }

    private void send(String exchange, String routingKey, Message message) {
        CorrelationData confirm = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send(exchange, routingKey, message, confirm);
        try {
            assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()).isTrue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the dead letter with that message id off the dead-letter queue (others are put back), or null. */
    private GetResponse deadLetter(String messageId) {
        return rabbit.execute(channel -> {
            GetResponse found = null;
            GetResponse next;
            java.util.List<GetResponse> others = new java.util.ArrayList<>();
            while ((next = channel.basicGet(DLQ, false)) != null) {
                if (found == null && messageId.equals(next.getProps().getMessageId())) {
                    found = next;
                } else {
                    others.add(next);
                }
            }
            for (GetResponse other : others) {
                channel.basicNack(other.getEnvelope().getDeliveryTag(), false, true);
            }
            if (found != null) {
                channel.basicAck(found.getEnvelope().getDeliveryTag(), false);
            }
            return found;
        });
    }

    /** What the portal's replay does: the message as it was, minus the broker's and the retries' headers. */
    private void replay(GetResponse dead) {
        MessageProperties props = new DefaultMessagePropertiesConverter()
                .toMessageProperties(dead.getProps(), dead.getEnvelope(), "UTF-8");
        Map<String, Object> headers = new HashMap<>(props.getHeaders());
        headers.keySet().removeIf(name -> name.startsWith("x-"));
        props.getHeaders().clear();
        props.getHeaders().putAll(headers);
        props.setReceivedDeliveryMode(null);
        send("", QUEUE, new Message(dead.getBody(), props));
    }
}
