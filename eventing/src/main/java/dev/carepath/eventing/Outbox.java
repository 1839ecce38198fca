package dev.carepath.eventing;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends domain events to a service's outbox table inside the caller's transaction, so the event
 * commits if and only if the state change it announces commits.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final URI source;

    public Outbox(JdbcTemplate jdbc, EventCodec codec, URI source) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.source = source;
    }

    /**
     * Records {@code type} for the aggregate {@code aggregateId} in {@code schema}.outbox.
     *
     * @return the event as it will be published, with its id and per-aggregate sequence
     * @throws IllegalStateException when no transaction is active (the event would commit alone)
     */
    public DomainEvent append(String schema, String type, String aggregateId, String tenantId,
            Map<String, Object> data) {
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
                UUID.randomUUID().toString(), type, source, aggregateId, tenantId, next,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                MDC.get("traceparent"), data);
        jdbc.update("INSERT INTO " + table
                        + " (event_id, tenant_id, aggregate_id, sequence, event_type, envelope)"
                        + " VALUES (?::uuid, ?, ?, ?, ?, ?::jsonb)",
                event.id(), tenantId, aggregateId, next, type,
                new String(codec.encode(event), StandardCharsets.UTF_8));
        return event;
    }
}
