package dev.carepath.portal.journeys;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code orders.journey_order} table. */
@Repository
class JourneyOrders {

    /** An order as the API shows it: no patient reference, no payment token. */
    record Order(UUID id, String tenantId, String therapy, String stateCode, int cycle, OffsetDateTime createdAt) {
    }

    /** An agent's cancel request as stored. */
    record Cancellation(UUID orderId, OffsetDateTime requestedAt) {
    }

    /** What an idempotent replay is checked against. */
    record Stored(UUID id, String requestHash) {
    }

    private static final RowMapper<Order> ORDER = (rs, i) -> new Order(
            rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("therapy"),
            rs.getString("state_code"), rs.getInt("cycle"), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    JourneyOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the order unless the tenant already used {@code idempotencyKey}. A concurrent insert of
     * the same key waits for the other transaction and then inserts nothing (no error, so the caller's
     * transaction stays usable and can read the winner's row).
     *
     * @return whether the row was inserted
     */
    boolean insertUnlessKeyUsed(UUID id, StartJourneyRequest request, String idempotencyKey) {
        return jdbc.update("INSERT INTO orders.journey_order"
                        + " (id, tenant_id, patient_reference, therapy, state_code, payment_token, cycle,"
                        + " idempotency_key, request_hash, cycles_bought)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING",
                id, request.tenantId(), request.patientReference(), request.therapy(), request.stateCode(),
                request.paymentToken(), idempotencyKey, request.fingerprint(), request.cycles()) == 1;
    }

    Optional<Stored> findByKey(String tenantId, String idempotencyKey) {
        return jdbc.query("SELECT id, request_hash FROM orders.journey_order"
                                + " WHERE tenant_id = ? AND idempotency_key = ?",
                        (rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2)),
                        tenantId, idempotencyKey)
                .stream().findFirst();
    }

    /** The ids of the (current tenant's) orders for this patient reference. */
    List<UUID> idsOfPatient(String patientReference) {
        return jdbc.queryForList("SELECT id FROM orders.journey_order WHERE patient_reference = ?", UUID.class,
                patientReference);
    }

    /** The patient reference of each of these (current tenant's) orders. */
    Map<UUID, String> patientReferences(List<UUID> ids) {
        Map<UUID, String> references = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query("SELECT id, patient_reference FROM orders.journey_order WHERE id = ANY (?)",
                    (RowCallbackHandler) rs -> references.put(rs.getObject(1, UUID.class), rs.getString(2)),
                    (Object) ids.toArray(UUID[]::new));
        }
        return references;
    }

    /** Only the tenant column: what the order-routing purpose is for. */
    Optional<String> tenantOf(UUID id) {
        return jdbc.queryForList("SELECT tenant_id FROM orders.journey_order WHERE id = ?", String.class, id)
                .stream().findFirst();
    }

    Optional<Order> find(UUID id) {
        List<Order> found = jdbc.query("SELECT id, tenant_id, therapy, state_code, cycle, created_at"
                + " FROM orders.journey_order WHERE id = ?", ORDER, id);
        return found.stream().findFirst();
    }

    /**
     * Records the cancel request unless the order already has one. A concurrent request for the same
     * order waits for the other transaction and then inserts nothing.
     *
     * @return whether the row was inserted
     */
    boolean insertCancellationUnlessRequested(UUID orderId, String tenantId, String clientId, String reason) {
        return jdbc.update("INSERT INTO orders.cancellation_request (order_id, tenant_id, client_id, reason)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING",
                orderId, tenantId, clientId, reason) == 1;
    }

    Optional<Cancellation> findCancellation(UUID orderId) {
        return jdbc.query("SELECT order_id, requested_at FROM orders.cancellation_request WHERE order_id = ?",
                        (rs, i) -> new Cancellation(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class)),
                        orderId)
                .stream().findFirst();
    }
}
