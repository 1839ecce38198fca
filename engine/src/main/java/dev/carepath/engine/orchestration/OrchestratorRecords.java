package dev.carepath.engine.orchestration;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The orchestrator's own tables beside the engine's (schema {@code orchestrator}): partner events buffered until
 * their cycle waits ({@code early_event}), events of ended journeys or earlier cycles recorded instead of applied
 * ({@code ignored_event}), and orders cancelled while no cycle ran ({@code order_cancellation}). Every statement
 * runs in the caller's tenant transaction (row-level security), under the order's lock ({@link #lockOrder}).
 */
@Repository
class OrchestratorRecords {

    /** The drain's cross-tenant purpose: it may only list which orders have buffered events. */
    static final String DRAIN_PURPOSE = "early-event-drain";

    record OrderRef(String tenantId, String orderId) {
    }

    private final JdbcTemplate jdbc;
    private final EventCodec codec;

    OrchestratorRecords(JdbcTemplate jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /**
     * Serialises the orchestrator's work on one order across consumer threads and engine nodes until the
     * transaction ends: a cancel and the start of a cycle, or a partner event and the drain, never interleave.
     */
    void lockOrder(String orderId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))", Object.class, "orchestrator/order/" + orderId);
    }

    // ---- early events

    void buffer(DomainEvent event, String orderId) {
        jdbc.update("INSERT INTO orchestrator.early_event (event_id, tenant_id, order_id, event_type, envelope)"
                        + " VALUES (?::uuid, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                event.id(), event.tenantId(), orderId, event.type(),
                new String(codec.encode(event), StandardCharsets.UTF_8));
    }

    /** The order's buffered events, oldest first, locked for this transaction (another node skips them). */
    List<DomainEvent> buffered(String orderId) {
        return jdbc.query("SELECT envelope::text FROM orchestrator.early_event WHERE order_id = ?"
                        + " ORDER BY received_at, event_id FOR UPDATE SKIP LOCKED",
                (rs, i) -> codec.decode(rs.getString(1).getBytes(StandardCharsets.UTF_8)), orderId);
    }

    void unbuffer(DomainEvent event) {
        jdbc.update("DELETE FROM orchestrator.early_event WHERE event_id = ?::uuid", event.id());
    }

    /** Orders with buffered events, across tenants (the drain's purpose admits this read only). */
    List<OrderRef> ordersWithBufferedEvents(int limit) {
        return jdbc.query("SELECT tenant_id, order_id FROM orchestrator.early_event GROUP BY tenant_id, order_id"
                        + " ORDER BY min(received_at) LIMIT ?",
                (rs, i) -> new OrderRef(rs.getString(1), rs.getString(2)), limit);
    }

    // ---- ignored events

    void ignore(DomainEvent event, String orderId, String reason) {
        jdbc.update("INSERT INTO orchestrator.ignored_event (event_id, tenant_id, order_id, event_type, reason,"
                        + " received_at) VALUES (?::uuid, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.id(), event.tenantId(), orderId, event.type(), reason,
                Timestamp.from(event.time().toInstant()));
    }

    // ---- cancellations without a running cycle

    boolean recordCancellation(DomainEvent event, String orderId, String outcome) {
        return jdbc.update("INSERT INTO orchestrator.order_cancellation (tenant_id, order_id, event_id, outcome)"
                        + " VALUES (?, ?, ?::uuid, ?) ON CONFLICT DO NOTHING",
                event.tenantId(), orderId, event.id(), outcome) == 1;
    }

    Optional<String> cancellationOf(String orderId) {
        return jdbc.queryForList("SELECT outcome FROM orchestrator.order_cancellation WHERE order_id = ?",
                String.class, orderId).stream().findFirst();
    }
}
