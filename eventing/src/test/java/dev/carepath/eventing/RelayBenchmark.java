package dev.carepath.eventing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.carepath.contracts.events.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures the relay on the local PostgreSQL and RabbitMQ (run by {@code deploy/bench/relay-benchmark.sh};
 * not a test):
 * <ol>
 *   <li>throughput with publisher confirms: a backlog of events drained with batch size 1 and 50;</li>
 *   <li>commit → consume latency: events appended at a steady rate while the relay runs with its
 *       production poll interval, timed from the outbox commit to an AMQP consumer's receipt.</li>
 * </ol>
 * Arguments: {@code [backlog] [rate per second] [seconds]}.
 */
public final class RelayBenchmark {

    private static final String SCHEMA = "relay_it";
    private static final String EXCHANGE = "carepath.relay-it";

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RelayTestApplication.class)
                .profiles("it")
                .run("--carepath.events.relay.poll-interval=100ms", "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off")) {
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            Outbox outbox = context.getBean(Outbox.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            EventPublisher publisher = context.getBean(EventPublisher.class);
            EventCodec codec = context.getBean(EventCodec.class);
            String vhost = context.getEnvironment().getProperty("spring.rabbitmq.virtual-host");

            ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
            AtomicBoolean recording = new AtomicBoolean();
            try (Connection connection = connect(vhost)) {
                // A consumer queue bound throughout, as in production: every event is routed and consumed.
                Channel channel = connection.createChannel();
                channel.exchangeDeclare(EXCHANGE, "topic", true);
                String queue = channel.queueDeclare().getQueue();
                channel.queueBind(queue, EXCHANGE, "#");
                channel.basicConsume(queue, true, (tag, delivery) -> {
                    if (recording.get()) {
                        Instant received = Instant.now();
                        Instant committed = codec.decode(delivery.getBody()).time().toInstant();
                        latenciesMicros.add(Duration.between(committed, received).toNanos() / 1000);
                    }
                }, tag -> { });

                relay.stop();
                relay.drain();
                System.out.printf("relay throughput with publisher confirms (%d events, 10 per aggregate, backlog"
                        + " drained)%n", backlog);
                for (int batchSize : new int[] {1, 50}) {
                    append(outbox, tx, backlog);
                    OutboxRelay measured = new OutboxRelay(jdbc, tx, publisher, List.of(SCHEMA), batchSize,
                            Duration.ofMillis(100));
                    long start = System.nanoTime();
                    int published = measured.drain();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    System.out.printf("  batch %3d: %6d events in %6.2f s = %8.0f events/s%n", batchSize, published,
                            elapsed, published / elapsed);
                }

                recording.set(true);
                relay.start();
                long interval = 1_000_000_000L / rate;
                long started = System.nanoTime();
                long next = started;
                int sent = 0;
                for (long end = next + seconds * 1_000_000_000L; System.nanoTime() < end; sent++) {
                    append(outbox, tx, 1);
                    next += interval;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
                double achieved = sent / ((System.nanoTime() - started) / 1e9);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (latenciesMicros.size() < sent && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(10_000_000);
                }
                List<Long> sorted = new ArrayList<>(latenciesMicros);
                Collections.sort(sorted);
                System.out.printf("commit -> consume latency, %d events at %.0f events/s (target %d) for %d s"
                        + " (relay poll 100 ms, batch 50): %d received, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        sent, achieved, rate, seconds, sorted.size(), percentile(sorted, 0.50),
                        percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0);
            }
        }
    }

    private static void append(Outbox outbox, TransactionTemplate tx, int events) {
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < Math.max(1, events / 10); i++) {
            aggregates.add("bench-" + UUID.randomUUID());
        }
        for (int i = 0; i < events; i++) {
            String aggregate = aggregates.get(i % aggregates.size());
            tx.executeWithoutResult(status -> outbox.append(SCHEMA, "relay.benchmarked", aggregate, "bench",
                    Map.of("n", 1)));
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1000.0;
    }

    private static Connection connect(String vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setVirtualHost(vhost);
        return factory.newConnection("relay-benchmark");
    }
}
