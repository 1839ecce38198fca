package dev.carepath.eventing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The event backbone's gauges, read when Prometheus scrapes (docs/adr/0019-observability.md):
 * <ul>
 *   <li>{@code carepath.outbox.backlog{schema}}: rows committed but not yet confirmed by the broker;</li>
 *   <li>{@code carepath.outbox.lag{schema}} (seconds): how long the oldest of them has waited, zero when none does;</li>
 *   <li>{@code carepath.events.dead.letters{group}}: messages in each of this deployable's consumer groups'
 *       dead-letter queues ({@code <destination>.<group>.dlq}), waiting for staff.</li>
 * </ul>
 * One scrape reads each outbox once (both outbox gauges share a reading younger than a second); a reading that fails
 * (database or broker away) is NaN, which Prometheus shows as a gap rather than a false zero.
 */
public class EventingMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(EventingMetrics.class);
    private static final Duration READING_TTL = Duration.ofSeconds(1);

    private final OutboxRelay relay;
    private final AmqpAdmin broker;
    private final Map<String, String> deadLetterQueues;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    /**
     * @param relay            the relay whose outboxes are measured, or {@code null} (no relay in this deployable)
     * @param broker           the broker's admin, or {@code null} (no dead-letter gauges)
     * @param deadLetterQueues consumer group to its dead-letter queue name
     */
    public EventingMetrics(OutboxRelay relay, AmqpAdmin broker, Map<String, String> deadLetterQueues) {
        this.relay = relay;
        this.broker = broker;
        this.deadLetterQueues = deadLetterQueues;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<String> schemas = relay == null ? List.of() : relay.schemas();
        for (String schema : schemas) {
            Gauge.builder("carepath.outbox.backlog", this, m -> m.outbox(schema, b -> (double) b.rows()))
                    .tag("schema", schema).baseUnit("rows")
                    .description("outbox rows committed but not yet confirmed by the broker")
                    .register(registry);
            Gauge.builder("carepath.outbox.lag", this, m -> m.outbox(schema, OutboxRelay.Backlog::oldestAgeSeconds))
                    .tag("schema", schema).baseUnit("seconds")
                    .description("age of the oldest outbox row not yet confirmed by the broker")
                    .register(registry);
        }
        if (broker != null) {
            deadLetterQueues.forEach((group, queue) ->
                    Gauge.builder("carepath.events.dead.letters", this, m -> m.depth(queue))
                            .tag("group", group).tag("queue", queue).baseUnit("messages")
                            .description("messages in the consumer group's dead-letter queue")
                            .register(registry));
        }
    }

    private double outbox(String schema, Function<OutboxRelay.Backlog, Double> value) {
        Reading reading = readings.get(schema);
        long now = System.nanoTime();
        if (reading == null || now - reading.atNanos() > READING_TTL.toNanos()) {
            try {
                reading = new Reading(relay.backlog(schema), now);
            } catch (RuntimeException e) {
                log.debug("outbox {} not readable for its metrics: {}", schema, e.toString());
                return Double.NaN;
            }
            readings.put(schema, reading);
        }
        return value.apply(reading.backlog());
    }

    private double depth(String queue) {
        try {
            Properties properties = broker.getQueueProperties(queue);
            Object count = properties == null ? null : properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
            return count instanceof Number number ? number.doubleValue() : Double.NaN;
        } catch (RuntimeException e) {
            log.debug("dead-letter queue {} not readable for its metrics: {}", queue, e.toString());
            return Double.NaN;
        }
    }

    private record Reading(OutboxRelay.Backlog backlog, long atNanos) {
    }
}
