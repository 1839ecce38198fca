package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.erx.ErxReceipt;
import dev.carepath.contracts.events.data.RxCancelled;
import dev.carepath.contracts.events.data.RxSubmitted;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code pharmacy.erx_submission} table and {@code rx.submitted}, written together. */
@Repository
class ErxSubmissions {

    static final String SCHEMA = "pharmacy";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    ErxSubmissions(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    Optional<String> pharmacyPrescriptionIdOf(String tenantId, String rxId) {
        return tenants.call(tenantId, () -> {
            return jdbc.queryForList("SELECT pharmacy_prescription_id FROM pharmacy.erx_submission"
                    + " WHERE tenant_id = ? AND rx_id = ?::uuid", String.class, tenantId, rxId).stream().findFirst();
        });
    }

    /** A submitted eRx of an order cycle: the Rx id (NewRx message id) and the pharmacy it went to. */
    record Submitted(String rxId, String pharmacy) {
    }

    Optional<Submitted> submittedFor(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> jdbc.query("SELECT rx_id::text, pharmacy FROM pharmacy.erx_submission"
                        + " WHERE tenant_id = ? AND order_id = ? AND cycle = ? ORDER BY submitted_at DESC",
                (rs, i) -> new Submitted(rs.getString(1), rs.getString(2)), tenantId, orderId, cycle).stream().findFirst());
    }

    Optional<String> cancellationStatusOf(String tenantId, String rxId) {
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT status FROM pharmacy.erx_cancellation"
                + " WHERE tenant_id = ? AND rx_id = ?::uuid", String.class, tenantId, rxId).stream().findFirst());
    }

    /** Records the pharmacy's answer to the CancelRx and {@code rx.cancelled}, once per Rx. */
    void recordCancellation(String tenantId, String orderId, int cycle, Submitted rx, String status) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO pharmacy.erx_cancellation (rx_id, tenant_id, order_id, cycle, status)"
                    + " VALUES (?::uuid, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rx.rxId(), tenantId, orderId, cycle, status);
            if (inserted == 1) {
                outbox.append(SCHEMA, orderId, tenantId,
                        new RxCancelled(orderId, cycle, rx.rxId(), rx.pharmacy(), status));
            }
        });
    }

    void recordSubmitted(String tenantId, String orderId, int cycle, String rxId, ErxReceipt receipt) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO pharmacy.erx_submission (rx_id, tenant_id, order_id, cycle,"
                            + " pharmacy, pharmacy_prescription_id) VALUES (?::uuid, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    rxId, tenantId, orderId, cycle, receipt.pharmacy(), receipt.pharmacyPrescriptionId());
            if (inserted == 1) {
                outbox.append(SCHEMA, orderId, tenantId, new RxSubmitted(orderId, cycle, rxId, receipt.pharmacy(),
                        receipt.pharmacyPrescriptionId()));
            }
        });
    }
}
