package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.VisitBooking;
import dev.carepath.contracts.events.data.VisitScheduled;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import dev.carepath.workers.clinical.api.Visits;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code clinical.visit} table and {@code visit.scheduled}, written together. Other capabilities read it through
 * {@link Visits} (where the patient is, a routing fact, not PHI).
 */
@Repository
class VisitStore implements Visits {

    static final String SCHEMA = "clinical";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    VisitStore(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    /** The visit booked for an order cycle with this network (a visit with another network does not count). */
    Optional<String> visitIdOf(String tenantId, String orderId, int cycle, String network) {
        return tenants.call(tenantId, () -> {
            return jdbc.queryForList("SELECT visit_id FROM clinical.visit WHERE tenant_id = ? AND order_id = ?"
                    + " AND cycle = ? AND provider_network = ?", String.class, tenantId, orderId, cycle, network)
                    .stream().findFirst();
        });
    }

    @Override
    public Optional<String> stateOf(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT state_code FROM clinical.visit"
                        + " WHERE tenant_id = ? AND order_id = ? AND cycle <= ? ORDER BY cycle DESC LIMIT 1",
                String.class, tenantId, orderId, cycle).stream().findFirst());
    }

    /** Whether the order cycle has a visit booked with any network. */
    boolean hasVisit(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> jdbc.queryForObject("SELECT count(*) FROM clinical.visit"
                + " WHERE tenant_id = ? AND order_id = ? AND cycle = ?", Long.class, tenantId, orderId, cycle) > 0);
    }

    /** Replaces the cycle's visit by its rescheduled booking (visit.scheduled again, with the new visit id). */
    void recordRescheduled(String tenantId, String orderId, int cycle, VisitBooking booking) {
        tenants.run(tenantId, () -> {
            int updated = jdbc.update("UPDATE clinical.visit SET visit_id = ?, provider_network = ?, scheduled_for = ?"
                            + " WHERE tenant_id = ? AND order_id = ? AND cycle = ? AND visit_id <> ?",
                    booking.visitId(), booking.network(),
                    booking.scheduledFor() == null ? null : Timestamp.from(booking.scheduledFor()),
                    tenantId, orderId, cycle, booking.visitId());
            if (updated == 1) {
                outbox.append(SCHEMA, orderId, tenantId,
                        new VisitScheduled(orderId, cycle, booking.network(), booking.visitId(), true));
            }
        });
    }

    void recordScheduled(String tenantId, String orderId, int cycle, String stateCode, VisitBooking booking) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO clinical.visit (tenant_id, order_id, cycle, visit_id,"
                            + " provider_network, state_code, scheduled_for) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    tenantId, orderId, cycle, booking.visitId(), booking.network(), stateCode,
                    booking.scheduledFor() == null ? null : Timestamp.from(booking.scheduledFor()));
            if (inserted == 1) {
                outbox.append(SCHEMA, orderId, tenantId,
                        new VisitScheduled(orderId, cycle, booking.network(), booking.visitId()));
            }
        });
    }
}
