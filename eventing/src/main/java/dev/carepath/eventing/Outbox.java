package dev.carepath.eventing;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.schemas.EventSchemas;
import dev.carepath.tenancy.SchemaNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends domain events to a service's outbox table inside the caller's transaction, so the event
 * commits if and only if the state change it announces commits.
 *
 * <p>Each outbox is one publisher stream: its events' CloudEvents {@code source} is the deployable's
 * source plus the schema ({@code /carepath/portal/orders}), and {@code sequence} counts the events of
 * one aggregate in that stream, gapless from 1. So {@code (source, subject, sequence)} is unique and
 * orders one aggregate's events of one publisher, whichever other services also publish about it.
 *
 * <p>With {@link EventSchemas}, every event's data is validated against its type's schema before it
 * is written: an event that breaks its contract fails the state change instead of reaching consumers.
 *
 * <p>Each event carries the W3C {@code traceparent} of the span current at the append ({@link EventTracing}), so its
 * consumers continue the producer's trace.
 *
 * <p>After the transaction commits, the outbox tells this process's relay which schema it wrote
 * ({@link #afterCommit}), so the event is published at once instead of at the relay's next poll.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final URI source;
    private final EventSchemas schemas;
    private final EventTracing tracing;
    private volatile Consumer<String> committed = schema -> { };

    /**
     * An outbox that takes each event's {@code traceparent} from the MDC key of that name (set by nothing in
     * carepath itself; the deployables use the constructor with {@link EventTracing}).
     *
     * @param source  the deployable's CloudEvents source; each schema's stream is {@code source/<schema>}
     * @param schemas validates outgoing event data, or {@code null} not to validate
     */
    public Outbox(JdbcTemplate jdbc, EventCodec codec, URI source, EventSchemas schemas) {
        this(jdbc, codec, source, schemas, EventTracing.none());
    }

    /**
     * @param source  the deployable's CloudEvents source; each schema's stream is {@code source/<schema>}
     * @param schemas validates outgoing event data, or {@code null} not to validate
     * @param tracing gives each event the {@code traceparent} of the span current when it is appended
     */
    public Outbox(JdbcTemplate jdbc, EventCodec codec, URI source, EventSchemas schemas, EventTracing tracing) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.source = source;
        this.schemas = schemas;
        this.tracing = tracing;
    }

    /**
     * Whom to tell, after a transaction that appended events commits, which schema's outbox it wrote (the relay of
     * this process: {@link OutboxRelay#committed}). Told once per append, on the committing thread.
     */
    public void afterCommit(Consumer<String> listener) {
        this.committed = listener;
    }

    /** The CloudEvents source of the events appended to {@code schema}'s outbox. */
    public URI sourceOf(String schema) {
        String base = source.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + SchemaNames.checked(schema));
    }

    /**
     * Records the event {@code data} is the data of (its {@link EventData#eventType() type}) for the aggregate
     * {@code aggregateId} in {@code schema}.outbox.
     *
     * @return the event as it will be published, with its id and per-aggregate sequence
     * @throws IllegalStateException when no transaction is active (the event would commit alone)
     */
    public DomainEvent append(String schema, String aggregateId, String tenantId, EventData data) {
        return append(schema, data.eventType(), aggregateId, tenantId, EventCatalog.toMap(data));
    }

    /**
     * Records {@code type} with untyped {@code data}: the typed append's work, open to this package because the
     * relay's tests append made-up types that have no record.
     */
    DomainEvent append(String schema, String type, String aggregateId, String tenantId, Map<String, Object> data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox append must join the state change's transaction");
        }
        String table = SchemaNames.checked(schema) + ".outbox";
        // Serialises appends per aggregate, so sequence numbers are gapless and never collide.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))", Object.class, table + "/" + aggregateId);
        Long next = jdbc.queryForObject(
                "SELECT coalesce(max(sequence), 0) + 1 FROM " + table + " WHERE aggregate_id = ?",
                Long.class, aggregateId);
        DomainEvent event = new DomainEvent(
                UUID.randomUUID().toString(), type, sourceOf(schema), aggregateId, tenantId, next,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                tracing.currentTraceparent(), data);
        if (schemas != null) {
            schemas.requireValid(event);
        }
        jdbc.update("INSERT INTO " + table
                        + " (event_id, tenant_id, aggregate_id, sequence, event_type, envelope)"
                        + " VALUES (?::uuid, ?, ?, ?, ?, ?::jsonb)",
                event.id(), tenantId, aggregateId, next, type,
                new String(codec.encode(event), StandardCharsets.UTF_8));
        Consumer<String> listener = committed;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                listener.accept(schema);
            }
        });
        return event;
    }
}
