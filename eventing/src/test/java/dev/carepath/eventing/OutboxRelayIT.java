package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.eventing.testing.TcpProxy;
import dev.carepath.tenancy.TenantScope;
import java.net.URI;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay against the real PostgreSQL and RabbitMQ, the broker reached through a {@link TcpProxy} the
 * test cuts. An idempotent consumer (first delivery of each event id counts) must see every event, and
 * each aggregate's events in sequence order, through a broker outage in the middle of the relay's
 * batches and through a relay that dies after the broker confirmed a batch but before marking it. A relay that
 * polls once an hour publishes a committed append at once when the outbox tells it of the commit, and after
 * another relay's lock is released; while its broker fails, it tries again at its polls only.
 */
@SpringBootTest(classes = RelayTestApplication.class)
@ActiveProfiles("it")
class OutboxRelayIT {

    private static final String SCHEMA = "relay_it";
    private static final String EXCHANGE = "carepath.relay-it";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final TcpProxy PROXY = startProxy();

    @DynamicPropertySource
    static void brokerThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", PROXY::port);
    }

    private static TcpProxy startProxy() {
        try {
            return new TcpProxy("127.0.0.1", 5672);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopProxy() {
        PROXY.close();
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    EventPublisher publisher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    EventCodec codec;

    @Autowired
    DataSource dataSource;

    @Value("${spring.rabbitmq.virtual-host}")
    String vhost;

    /** What the consumer received, in delivery order. */
    private final List<DomainEvent> received = new CopyOnWriteArrayList<>();
    private Connection connection;

    @BeforeEach
    void listen() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setVirtualHost(vhost);
        connection = factory.newConnection("relay-it-consumer");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(EXCHANGE, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, EXCHANGE, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(codec.decode(delivery.getBody())),
                tag -> { });
    }

    @AfterEach
    void close() throws Exception {
        PROXY.restore();
        if (!relay.isRunning()) {
            relay.start();
        }
        connection.close();
    }

    @Test
    void aBrokerOutageInTheMiddleOfTheBatchesLosesNothingAndReordersNothing() throws InterruptedException {
        List<String> aggregates = aggregates(12);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                append(aggregates, 1);
                written.addAndGet(aggregates.size());
            }
        }, "outbox-writer");
        writer.start();
        try {
            eventually().until(() -> ofAggregates(aggregates).size() >= 200);
            PROXY.cut();
            int atCut = written.get();
            // While the broker is away, the outbox fills and nothing is marked published.
            eventually().until(() -> written.get() >= atCut + 240);
            await().dontCatchUncaughtExceptions().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> relay.lag(SCHEMA) > 0);
            int atRestore = ofAggregates(aggregates).size();
            PROXY.restore();
            eventually().until(() -> ofAggregates(aggregates).size() >= atRestore + 240);
        } finally {
            writing.set(false);
        }
        writer.join(EVENTUALLY.toMillis());
        eventually().until(() -> relay.lag(SCHEMA) == 0);

        assertEveryEventOnceInSequence(aggregates, written.get() / aggregates.size());
    }

    @Test
    void aRelayThatDiesAfterTheBrokerConfirmedABatchIsTakenOverWithoutLossOrReordering() {
        eventually().until(() -> relay.lag(SCHEMA) == 0);
        relay.stop();
        List<String> aggregates = aggregates(10);
        append(aggregates, 30);
        AtomicInteger confirmed = new AtomicInteger();
        List<String> confirmedButNotMarked = new ArrayList<>();
        // Two batches go through; in the third, the relay dies once the broker confirmed 20 of its events.
        EventPublisher diesInTheThirdBatch = events -> {
            publisher.publishConfirmed(events);
            if (confirmed.addAndGet(events.size()) > 100) {
                events.forEach(event -> confirmedButNotMarked.add(event.eventId()));
                if (confirmed.get() >= 120) {
                    throw new EventPublisher.EventPublishException("the relay died before marking its batch", null);
                }
            }
        };
        OutboxRelay dying = new OutboxRelay(jdbc, tx, diesInTheThirdBatch, List.of(SCHEMA), 50,
                Duration.ofMillis(20));

        assertThatThrownBy(dying::drain).isInstanceOf(EventPublisher.EventPublishException.class);
        assertThat(relay.lag(SCHEMA)).isEqualTo(300 - 100);

        relay.start();
        eventually().until(() -> relay.lag(SCHEMA) == 0
                && ofAggregates(aggregates).size() >= 300 + confirmedButNotMarked.size());

        assertEveryEventOnceInSequence(aggregates, 30);
        // What was confirmed but not marked went out again: duplicates, never gaps.
        assertThat(confirmedButNotMarked).hasSize(20);
        assertThat(ofAggregates(aggregates).stream().filter(e -> confirmedButNotMarked.contains(e.id())).count())
                .isEqualTo(40);
    }

    @Test
    void aCommitWakesTheRelayWhichOtherwiseWaitsForItsPoll() {
        eventually().until(() -> relay.lag(SCHEMA) == 0);
        relay.stop();
        OutboxRelay hourly = startedHourlyRelay();
        try {
            Outbox silent = new Outbox(jdbc, codec, URI.create("/carepath/relay-it"), null);
            Outbox telling = new Outbox(jdbc, codec, URI.create("/carepath/relay-it"), null);
            telling.afterCommit(hourly::committed);
            List<String> aggregates = aggregates(3);

            append(silent, aggregates, 1);
            // Nobody told the relay: the rows wait for its next poll, an hour away.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> relay.lag(SCHEMA) == aggregates.size());

            append(telling, aggregates, 1);
            // Told of the commit, it drains the schema: the earlier rows with it.
            eventually().until(() -> relay.lag(SCHEMA) == 0
                    && ofAggregates(aggregates).size() >= 2 * aggregates.size());
            assertEveryEventOnceInSequence(aggregates, 2);
        } finally {
            hourly.stop();
        }
    }

    @Test
    void aRelayWokenWhileAnotherHoldsTheSchemaTriesAgainOnceItIsFree() throws Exception {
        eventually().until(() -> relay.lag(SCHEMA) == 0);
        relay.stop();
        OutboxRelay hourly = startedHourlyRelay();
        try (java.sql.Connection other = dataSource.getConnection()) {
            Outbox telling = new Outbox(jdbc, codec, URI.create("/carepath/relay-it"), null);
            telling.afterCommit(hourly::committed);
            List<String> aggregates = aggregates(3);
            // Another relay's transaction holds the schema's lock, as one draining it does.
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('relay/" + SCHEMA + ".outbox'))");
            }

            append(telling, aggregates, 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> relay.lag(SCHEMA) == aggregates.size());

            other.rollback();
            eventually().until(() -> relay.lag(SCHEMA) == 0 && ofAggregates(aggregates).size() >= aggregates.size());
            assertEveryEventOnceInSequence(aggregates, 1);
        } finally {
            hourly.stop();
        }
    }

    @Test
    void aFailingRelayTriesAgainAtItsPollsOnlyNotOnEveryCommit() {
        eventually().until(() -> relay.lag(SCHEMA) == 0);
        relay.stop();
        AtomicInteger tries = new AtomicInteger();
        EventPublisher brokerAway = events -> {
            tries.incrementAndGet();
            throw new EventPublisher.EventPublishException("the broker is away", null);
        };
        List<String> aggregates = aggregates(2);
        append(aggregates, 1);
        OutboxRelay hourly = new OutboxRelay(jdbc, tx, brokerAway, List.of(SCHEMA), 50, Duration.ofHours(1));
        hourly.start();
        try {
            // Its first poll finds the rows and fails.
            eventually().until(() -> tries.get() == 1);
            Outbox telling = new Outbox(jdbc, codec, URI.create("/carepath/relay-it"), null);
            telling.afterCommit(hourly::committed);

            append(telling, aggregates, 5);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> tries.get() == 1);
        } finally {
            hourly.stop();
        }
        // The context's relay, started again after the test, publishes them: nothing was lost.
    }

    /**
     * An event's age, which the relay's lag and the bench report, starts when the event is written: the work its
     * transaction did before (the engine's, running a process to its next wait state, takes hundreds of ms) is not
     * time the event waited in the outbox.
     */
    @Test
    void anEventIsDatedWhenItIsWrittenNotWhenItsTransactionBegan() {
        String aggregate = aggregates(1).get(0);
        Double writtenAfterBegin = tx.execute(status -> {
            TenantScope.enter(jdbc, "it-relay");
            jdbc.queryForObject("SELECT pg_sleep(0.3)::text", String.class);
            outbox.append(SCHEMA, "relay.tested", aggregate, "it-relay", Map.of("n", 1));
            return jdbc.queryForObject("SELECT extract(epoch FROM created_at - now()) FROM " + SCHEMA
                    + ".outbox WHERE aggregate_id = ?", Double.class, aggregate);
        });
        assertThat(writtenAfterBegin).isGreaterThanOrEqualTo(0.3);
    }

    /**
     * A relay that polls once an hour, after its first poll: the one it makes at its start, seen publishing a row
     * appended before.
     */
    private OutboxRelay startedHourlyRelay() {
        append(aggregates(1), 1);
        OutboxRelay hourly = new OutboxRelay(jdbc, tx, publisher, List.of(SCHEMA), 50, Duration.ofHours(1));
        hourly.start();
        eventually().until(() -> relay.lag(SCHEMA) == 0);
        return hourly;
    }

    /**
     * Awaits with a deadline. The connection factory's own threads fail while the broker is cut off:
     * expected, so their uncaught exceptions do not fail the wait.
     */
    private static ConditionFactory eventually() {
        return await().dontCatchUncaughtExceptions().atMost(EVENTUALLY);
    }

    private List<String> aggregates(int count) {
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            aggregates.add("agg-" + UUID.randomUUID());
        }
        return aggregates;
    }

    /** Appends {@code perAggregate} events to every aggregate, one transaction per round. */
    private void append(List<String> aggregates, int perAggregate) {
        append(outbox, aggregates, perAggregate);
    }

    private void append(Outbox into, List<String> aggregates, int perAggregate) {
        for (int round = 0; round < perAggregate; round++) {
            tx.executeWithoutResult(status -> {
                // Row-level security admits an outbox row only in its tenant's transaction.
                TenantScope.enter(jdbc, "it-relay");
                aggregates.forEach(aggregate ->
                        into.append(SCHEMA, "relay.tested", aggregate, "it-relay", Map.of("n", 1)));
            });
        }
    }

    private List<DomainEvent> ofAggregates(List<String> aggregates) {
        return received.stream().filter(event -> aggregates.contains(event.subject())).toList();
    }

    /** Per aggregate, the first deliveries of each event id are exactly sequences 1..n, in that order. */
    private void assertEveryEventOnceInSequence(List<String> aggregates, int perAggregate) {
        Map<String, List<Long>> firstSeen = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (DomainEvent event : ofAggregates(aggregates)) {
            if (seen.add(event.id())) {
                firstSeen.computeIfAbsent(event.subject(), key -> new ArrayList<>()).add(event.sequence());
            }
        }
        List<Long> expected = LongStream.rangeClosed(1, perAggregate).boxed().toList();
        for (String aggregate : aggregates) {
            assertThat(firstSeen.get(aggregate)).as("sequences of %s as first delivered", aggregate)
                    .isEqualTo(expected);
        }
        Long unpublished = jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + ".outbox WHERE aggregate_id = ANY (?)"
                + " AND published_at IS NULL", Long.class, (Object) aggregates.toArray(String[]::new));
        assertThat(unpublished).isZero();
    }
}
