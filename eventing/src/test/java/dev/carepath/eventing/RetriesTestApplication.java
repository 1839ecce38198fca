package dev.carepath.eventing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * A deployable with one backbone consumer, {@code poisonable} (binding {@code poisonable-in-0}), whose
 * effect fails for the aggregates the test poisons. It records when each event was attempted and when
 * it was applied.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class RetriesTestApplication {

    static final String SCHEMA = "relay_it";
    static final String CONSUMER = "retries-it";

    /** The effect: fails for a poisoned subject, else records the event as applied. */
    static class PoisonableEffect {

        final Set<String> poisoned = ConcurrentHashMap.newKeySet();
        final Map<String, List<Instant>> attempts = new ConcurrentHashMap<>();
        final Map<String, Instant> applied = new ConcurrentHashMap<>();

        void apply(dev.carepath.contracts.events.DomainEvent event) {
            attempts.computeIfAbsent(event.id(), id -> new CopyOnWriteArrayList<>()).add(Instant.now());
            if (poisoned.contains(event.subject())) {
                throw new IllegalStateException("poisoned for the test");
            }
            applied.put(event.id(), Instant.now());
        }

        Duration sinceFirstAttempt(String eventId, int attempt) {
            List<Instant> times = attempts.get(eventId);
            return Duration.between(times.get(0), times.get(attempt));
        }
    }

    @Bean
    PoisonableEffect poisonableEffect() {
        return new PoisonableEffect();
    }

    @Bean
    Consumer<Message<byte[]>> poisonable(EventInbox inbox, PoisonableEffect effect) {
        return message -> inbox.consume(SCHEMA, CONSUMER, message, effect::apply);
    }
}
