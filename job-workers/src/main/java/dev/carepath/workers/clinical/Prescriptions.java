package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.PrescriptionDetails;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.Outbox;
import dev.carepath.eventing.TenantTransactions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code clinical.prescription} table and {@code rx.recorded}. Its public method is how another
 * capability (pharmacy) reads the prescription it must transmit.
 */
@Repository
public class Prescriptions {

    static final String SCHEMA = "clinical";

    /** What an e-prescription carries: PHI, to be sent to the pharmacy and nowhere else. */
    public record Prescription(String rxId, String orderId, String medication, String doseMg, int quantity,
            String directions, String prescriberNpi) {
    }

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    Prescriptions(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    /** The prescription {@code rxId} of the tenant, for transmission to the pharmacy. */
    public Prescription forTransmission(String tenantId, String rxId) {
        return tenants.call(tenantId, () -> {
            return jdbc.queryForObject("SELECT rx_id, order_id, medication, dose_mg, quantity, directions,"
                            + " prescriber_npi FROM clinical.prescription WHERE tenant_id = ? AND rx_id = ?::uuid",
                    (rs, i) -> new Prescription(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7)),
                    tenantId, rxId);
        });
    }

    Optional<String> rxIdOfVisit(String tenantId, String network, String visitId) {
        return tenants.call(tenantId, () -> {
            return jdbc.queryForList("SELECT rx_id::text FROM clinical.prescription WHERE tenant_id = ?"
                    + " AND provider_network = ? AND visit_id = ?", String.class, tenantId, network, visitId)
                    .stream().findFirst();
        });
    }

    /** Records the visit's prescription and {@code rx.recorded} once; returns the Rx id. */
    String record(String tenantId, String orderId, int cycle, PrescriptionDetails details) {
        return tenants.call(tenantId, () -> {
            String rxId = UUID.randomUUID().toString();
            int inserted = jdbc.update("INSERT INTO clinical.prescription (rx_id, tenant_id, order_id, cycle,"
                            + " provider_network, visit_id, medication, dose_mg, quantity, directions, prescriber_npi)"
                            + " VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    rxId, tenantId, orderId, cycle, details.network(), details.visitId(), details.medication(),
                    details.doseMg(), details.quantity(), details.directions(), details.prescriberNpi());
            if (inserted == 0) {
                return jdbc.queryForObject("SELECT rx_id::text FROM clinical.prescription WHERE tenant_id = ?"
                        + " AND provider_network = ? AND visit_id = ?", String.class,
                        tenantId, details.network(), details.visitId());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orderId", orderId);
            data.put("cycle", cycle);
            data.put("rxId", rxId);
            outbox.append(SCHEMA, EventTypes.RX_RECORDED, orderId, tenantId, data);
            return rxId;
        });
    }
}
