package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.VisitBooking;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.Outbox;
import dev.carepath.eventing.TenantScope;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code clinical.visit} table and {@code visit.scheduled}, written together. */
@Repository
class Visits {

    static final String SCHEMA = "clinical";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;

    Visits(JdbcTemplate jdbc, TransactionTemplate tx, Outbox outbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
    }

    Optional<String> visitIdOf(String tenantId, String orderId, int cycle) {
        return tx.execute(status -> {
            TenantScope.enter(jdbc, tenantId);
            return jdbc.queryForList("SELECT visit_id FROM clinical.visit WHERE tenant_id = ? AND order_id = ?"
                    + " AND cycle = ?", String.class, tenantId, orderId, cycle).stream().findFirst();
        });
    }

    void recordScheduled(String tenantId, String orderId, int cycle, String stateCode, VisitBooking booking) {
        tx.executeWithoutResult(status -> {
            TenantScope.enter(jdbc, tenantId);
            int inserted = jdbc.update("INSERT INTO clinical.visit (tenant_id, order_id, cycle, visit_id,"
                            + " provider_network, state_code, scheduled_for) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    tenantId, orderId, cycle, booking.visitId(), booking.network(), stateCode,
                    booking.scheduledFor() == null ? null : Timestamp.from(booking.scheduledFor()));
            if (inserted == 1) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("orderId", orderId);
                data.put("cycle", cycle);
                data.put("providerNetwork", booking.network());
                data.put("visitId", booking.visitId());
                outbox.append(SCHEMA, EventTypes.VISIT_SCHEDULED, orderId, tenantId, data);
            }
        });
    }
}
