package dev.carepath.portal.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.OrderEvent;
import dev.carepath.tenancy.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * The deliveries to the tenants' callback URLs: made from milestones by the {@code callbacks} consumer, listed
 * and replayed by staff. A delivery's payload is fixed when it is made (references only: no PHI ever enters it),
 * and its id is the {@code webhook-id} of every attempt, so a tenant can drop repeats.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** Staff's read of every tenant's deliveries (db/callbacks, policy callback_admin). */
    static final String ADMIN_PURPOSE = "callback-admin";

    /** A delivery as staff see it: everything but the secrets. */
    public record Delivery(UUID deliveryId, long sequence, String tenantId, UUID journeyId, String eventId, String type,
            String status, int attempts, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
            OffsetDateTime lastAttemptAt, Integer lastStatusCode, String lastError, OffsetDateTime deliveredAt,
            String payload) {
    }

    static final String COLUMNS = "delivery_id, delivery_seq, tenant_id, journey_id, event_id, type, status, attempts,"
            + " created_at, next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at, payload";

    static final RowMapper<Delivery> ROWS = (rs, i) -> new Delivery(rs.getObject(1, UUID.class), rs.getLong(2),
            rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getInt(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
            rs.getObject(11, OffsetDateTime.class), (Integer) rs.getObject(12), rs.getString(13),
            rs.getObject(14, OffsetDateTime.class), rs.getString(15));

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;
    private final ObjectMapper json;

    Deliveries(JdbcTemplate jdbc, TenantTransactions transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Makes the delivery of {@code event}'s milestone, if it marks one; runs in the event's tenant transaction
     * (the consumer's). A journey's deliveries are numbered in the order their events arrive here.
     */
    void enqueue(DomainEvent event) {
        Optional<Milestone> milestone = Milestone.of(event);
        Optional<UUID> journey = journeyOf(event);
        if (milestone.isEmpty() || journey.isEmpty()) {
            return;
        }
        UUID journeyId = journey.get();
        // Serialize one journey's numbering across portal nodes.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('callbacks.delivery:' || ?))", Object.class,
                journeyId.toString());
        Integer cycle = milestone.get().cycle() != null ? milestone.get().cycle() : jdbc.query(
                "SELECT max(cycle) FROM callbacks.delivery WHERE tenant_id = ? AND journey_id = ?",
                rs -> rs.next() ? (Integer) rs.getObject(1) : null, event.tenantId(), journeyId);
        long sequence = jdbc.queryForObject("SELECT count(*) + 1 FROM callbacks.delivery WHERE tenant_id = ?"
                + " AND journey_id = ?", Long.class, event.tenantId(), journeyId);
        UUID deliveryId = UUID.randomUUID();
        String payload = payload(deliveryId, event, journeyId, milestone.get(), cycle, sequence);
        int inserted = jdbc.update("INSERT INTO callbacks.delivery (delivery_id, tenant_id, journey_id, event_id, type,"
                        + " cycle, payload) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, event_id) DO NOTHING",
                deliveryId, event.tenantId(), journeyId, event.id(), milestone.get().type(), cycle, payload);
        if (inserted == 1) {
            log.info("webhook {} of journey {} queued as delivery {}", milestone.get().type(), journeyId, deliveryId);
        }
    }

    /** The tenant's deliveries of {@code status} (any when null), newest first, at most {@code limit}. */
    public List<Delivery> list(String tenantId, String status, int limit) {
        return transactions.call(tenantId, () -> status == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM callbacks.delivery WHERE tenant_id = ?"
                        + " ORDER BY delivery_seq DESC LIMIT ?", ROWS, tenantId, limit)
                : jdbc.query("SELECT " + COLUMNS + " FROM callbacks.delivery WHERE tenant_id = ? AND status = ?"
                        + " ORDER BY delivery_seq DESC LIMIT ?", ROWS, tenantId, status, limit));
    }

    /**
     * Every tenant's deliveries of {@code status}, newest first, at most {@code limit}: staff's overview (the jar's
     * {@code webhook-deliveries} command). Declares the purpose {@value #ADMIN_PURPOSE}, which may read deliveries
     * and nothing else.
     */
    public List<Delivery> listAcrossTenants(String status, int limit) {
        return transactions.acrossTenants(ADMIN_PURPOSE, () -> jdbc.query("SELECT " + COLUMNS
                + " FROM callbacks.delivery WHERE status = ? ORDER BY delivery_seq DESC LIMIT ?", ROWS, status, limit));
    }

    /** The deliveries of the tenant's journey {@code journeyId}, in their order (staff's journey page). */
    public List<Delivery> ofJourney(String tenantId, UUID journeyId) {
        return transactions.call(tenantId, () -> jdbc.query("SELECT " + COLUMNS + " FROM callbacks.delivery"
                + " WHERE tenant_id = ? AND journey_id = ? ORDER BY delivery_seq", ROWS, tenantId, journeyId));
    }

    /** The delivery, if it is the tenant's. */
    public Optional<Delivery> find(String tenantId, UUID deliveryId) {
        return transactions.call(tenantId, () -> jdbc.query("SELECT " + COLUMNS + " FROM callbacks.delivery"
                + " WHERE tenant_id = ? AND delivery_id = ?", ROWS, tenantId, deliveryId).stream().findFirst());
    }

    /**
     * Sends a {@code FAILED} delivery again: it is pending from now, with a fresh retry window (its attempts so
     * far are kept). Empty when the tenant has no such delivery; the delivery unchanged unless it had failed.
     */
    public Optional<Delivery> replay(String tenantId, UUID deliveryId) {
        return transactions.call(tenantId, () -> {
            jdbc.update("UPDATE callbacks.delivery SET status = 'PENDING', next_attempt_at = now(),"
                    + " retry_from = now(), last_error = NULL WHERE tenant_id = ? AND delivery_id = ?"
                    + " AND status = 'FAILED'", tenantId, deliveryId);
            return jdbc.query("SELECT " + COLUMNS + " FROM callbacks.delivery WHERE tenant_id = ?"
                    + " AND delivery_id = ?", ROWS, tenantId, deliveryId).stream().findFirst();
        });
    }

    private String payload(UUID deliveryId, DomainEvent event, UUID journeyId, Milestone milestone, Integer cycle,
            long sequence) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("journeyId", journeyId.toString());
        data.put("tenantId", event.tenantId());
        data.put("cycle", cycle);
        data.put("status", milestone.status());
        if (milestone.outcome() != null) {
            data.put("outcome", milestone.outcome());
        }
        data.putAll(milestone.details());
        data.put("sequence", sequence);
        data.put("eventId", event.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", milestone.type());
        body.put("timestamp", event.time() == null ? null : event.time().toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the payload of delivery " + deliveryId, e);
        }
    }

    /** The journey an event belongs to: its {@code orderId}, else its subject, if that is a journey id. */
    private static Optional<UUID> journeyOf(DomainEvent event) {
        String orderId = EventCatalog.find(event).orElse(null) instanceof OrderEvent order ? order.orderId() : null;
        String candidate = orderId != null ? orderId : event.subject();
        try {
            return candidate == null ? Optional.empty() : Optional.of(UUID.fromString(candidate));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
