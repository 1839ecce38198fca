package dev.carepath.eventing;

import dev.carepath.tenancy.SchemaNames;
import dev.carepath.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to the broker. Per schema, one relay at a time holds a transaction-level
 * advisory lock, reads unpublished rows in commit-id order, publishes them in per-aggregate waves
 * (see {@link #waves}) and waits for the publisher confirms, and only then marks them published. A failure rolls the batch back so it is published
 * again: delivery is at-least-once (consumers deduplicate on event id) and per-aggregate order holds,
 * also across broker and relay restarts. Its transactions declare the purpose
 * {@link TenantScope#OUTBOX_RELAY}, which the outbox's row-level security admits to read and mark every
 * tenant's rows, and nothing else.
 *
 * <p>The relay publishes a schema's rows as soon as the transaction that wrote them commits in this process
 * ({@link #committed}, which {@link Outbox} calls after the commit), and polls every schema each {@code pollInterval}
 * for the rest: rows another process wrote, and rows of a schema whose lock another relay held. A schema whose lock
 * was held when the relay was woken for it is tried again {@link #LOCK_HELD_RETRY} later, as the other relay may have
 * read its batch before the commit.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** How soon a schema woken for while another relay held its lock is tried again. */
    static final Duration LOCK_HELD_RETRY = Duration.ofMillis(20);

    /** What {@link #relayBatch} returns when another relay holds the schema's lock. */
    private static final int LOCK_HELD = -1;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventPublisher publisher;
    private final List<String> schemas;
    private final int batchSize;
    private final Duration pollInterval;
    /** Schemas whose outbox a transaction of this process wrote since the relay last looked, and their signal. */
    private final Set<String> woken = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUps = new Semaphore(0);
    private ExecutorService executor;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean failing;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, EventPublisher publisher,
            List<String> schemas, int batchSize, Duration pollInterval) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.schemas = schemas.stream().map(SchemaNames::checked).toList();
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
    }

    /**
     * Publishes what is pending in every schema, batch by batch; returns how many events went out. A
     * stop ends it after the batch in flight.
     */
    public int drain() {
        int total = 0;
        for (String schema : schemas) {
            total += Math.max(drain(schema), 0);
        }
        return total;
    }

    /** Publishes what is pending in one schema; {@link #LOCK_HELD} when another relay holds its lock. */
    private int drain(String schema) {
        int total = 0;
        int published;
        do {
            published = relayBatch(schema);
            if (published == LOCK_HELD) {
                return total == 0 ? LOCK_HELD : total;
            }
            total += published;
        } while (published == batchSize && !stopping);
        return total;
    }

    /**
     * Tells the relay that a transaction of this process committed rows into {@code schema}'s outbox, so it publishes
     * them now rather than at its next poll. Cheap and never blocking: a signal the relay thread picks up.
     */
    public void committed(String schema) {
        if (running && schemas.contains(schema)) {
            woken.add(schema);
            wakeUps.release();
        }
    }

    /** Rows committed but not yet confirmed by the broker, in one schema. */
    public long lag(String schema) {
        Long count = tx.execute(status -> {
            TenantScope.enterPurpose(jdbc, TenantScope.OUTBOX_RELAY);
            return jdbc.queryForObject("SELECT count(*) FROM " + SchemaNames.checked(schema)
                    + ".outbox WHERE published_at IS NULL", Long.class);
        });
        return count == null ? 0 : count;
    }

    /**
     * The rows of one schema's outbox committed but not yet confirmed by the broker, and how long the oldest of them
     * has waited (zero when there is none): one query, for the metrics.
     */
    public Backlog backlog(String schema) {
        Backlog backlog = tx.execute(status -> {
            TenantScope.enterPurpose(jdbc, TenantScope.OUTBOX_RELAY);
            return jdbc.queryForObject("SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM "
                    + SchemaNames.checked(schema) + ".outbox WHERE published_at IS NULL",
                    (rs, i) -> new Backlog(rs.getLong(1), rs.getDouble(2)));
        });
        return backlog == null ? new Backlog(0, 0) : backlog;
    }

    /** An outbox's unpublished rows and the age in seconds of the oldest one. */
    public record Backlog(long rows, double oldestAgeSeconds) {
    }

    public List<String> schemas() {
        return schemas;
    }

    int relayBatch(String schema) {
        String table = schema + ".outbox";
        Integer published = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext(?))",
                    Boolean.class, "relay/" + table);
            if (!Boolean.TRUE.equals(locked)) {
                return LOCK_HELD;
            }
            // Every tenant's rows: the outbox admits this purpose to SELECT and UPDATE (ADR 6).
            TenantScope.enterPurpose(jdbc, TenantScope.OUTBOX_RELAY);
            List<Row> batch = jdbc.query(
                    "SELECT aggregate_id, event_id, event_type, envelope::text FROM " + table
                            + " WHERE published_at IS NULL ORDER BY id LIMIT ?",
                    (rs, i) -> new Row(rs.getString(1), new EventPublisher.OutboundEvent(rs.getString(2),
                            rs.getString(3), rs.getString(4).getBytes(StandardCharsets.UTF_8))),
                    batchSize);
            if (batch.isEmpty()) {
                return 0;
            }
            for (List<EventPublisher.OutboundEvent> wave : waves(batch)) {
                publisher.publishConfirmed(wave);
            }
            String[] ids = batch.stream().map(row -> row.event().eventId()).toArray(String[]::new);
            jdbc.update("UPDATE " + table + " SET published_at = now() WHERE event_id = ANY (?::uuid[])",
                    (Object) ids);
            return batch.size();
        });
        return published == null ? 0 : published;
    }

    record Row(String aggregateId, EventPublisher.OutboundEvent event) {
    }

    /**
     * Splits a batch (in commit order) into waves: wave k holds the k-th event of each aggregate in the
     * batch. Each wave is published only after the broker confirmed the one before, so one aggregate's
     * events reach the queues in order even when the client spreads publishes over several channels
     * (it does with publisher confirms, and RabbitMQ orders messages per channel only). A batch of many
     * aggregates is one wave; one aggregate's burst costs one confirm round trip per event.
     */
    static List<List<EventPublisher.OutboundEvent>> waves(List<Row> batch) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<EventPublisher.OutboundEvent>> waves = new ArrayList<>();
        for (Row row : batch) {
            int wave = seen.merge(row.aggregateId(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(row.event());
        }
        return waves;
    }

    /**
     * The relay thread: every schema each {@code pollInterval}, and in between the schemas woken for as soon as they
     * are, unless the last try failed. (Taking the signals before the schemas loses none: a commit adds its schema,
     * then signals.)
     */
    private void loop() {
        long nextPoll = System.nanoTime();
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            // A failing relay (the broker away) tries again at its polls only, not on every commit.
            Set<String> due = failing ? Set.of() : takeWoken();
            if (now - nextPoll >= 0) {
                due = Set.copyOf(schemas);
                nextPoll = now + pollInterval.toNanos();
            }
            Set<String> lockHeld = relay(due);
            woken.addAll(lockHeld);
            long untilPoll = Math.max(nextPoll - System.nanoTime(), 0);
            try {
                wakeUps.tryAcquire(lockHeld.isEmpty() ? untilPoll : Math.min(untilPoll, LOCK_HELD_RETRY.toNanos()),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wakeUps.drainPermits();
        }
    }

    private Set<String> takeWoken() {
        Set<String> taken = new HashSet<>();
        for (String schema : woken) {
            if (woken.remove(schema)) {
                taken.add(schema);
            }
        }
        return taken;
    }

    /** Drains the given schemas; returns those whose lock another relay held. */
    private Set<String> relay(Set<String> due) {
        if (due.isEmpty()) {
            return Set.of();
        }
        Set<String> lockHeld = new HashSet<>();
        try {
            for (String schema : due) {
                if (drain(schema) == LOCK_HELD) {
                    lockHeld.add(schema);
                }
            }
            if (failing) {
                log.info("outbox relay recovered");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("outbox relay failed, retrying every {} ms: {}", pollInterval.toMillis(),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
                failing = true;
            }
        }
        return lockHeld;
    }

    @Override
    public void start() {
        stopping = false;
        wakeUps.drainPermits();
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        executor.execute(this::loop);
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        wakeUps.release();
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    // A batch still in flight: its thread ends at its next wait rather than run on beside a
                    // relay started again.
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
