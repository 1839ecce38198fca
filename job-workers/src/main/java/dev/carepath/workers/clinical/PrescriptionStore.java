package dev.carepath.workers.clinical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.connectors.telehealth.PrescriptionDetails;
import dev.carepath.contracts.events.data.RxRecorded;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import dev.carepath.workers.clinical.api.Prescription;
import dev.carepath.workers.clinical.api.Prescriptions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code clinical.prescription} table and {@code rx.recorded}. Other capabilities read it through
 * {@link Prescriptions}: pharmacy the prescription it must transmit, notifications the cycle of an Rx; agents read an
 * order's latest prescription through the portal ({@link PrescriptionController}). The clinical details (medication,
 * dose, directions) are stored sealed by {@link PhiCipher}; every read of them is audited ({@link PhiAccessLog}).
 */
@Repository
class PrescriptionStore implements Prescriptions {

    static final String SCHEMA = "clinical";

    /** The sealed part of a prescription. */
    private record Details(String medication, String doseMg, String directions) {
    }

    private static final List<String> DETAIL_FIELDS = List.of("medication", "doseMg", "directions");
    private static final String RECORD = "prescription";
    private static final String SELECT = "SELECT rx_id::text AS rx_id, order_id, cycle, details, quantity,"
            + " prescriber_npi, recorded_at FROM clinical.prescription";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;
    private final PhiCipher cipher;
    private final PhiAccessLog accessLog;
    private final ObjectMapper json;

    PrescriptionStore(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox, PhiCipher cipher,
            PhiAccessLog accessLog, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
        this.cipher = cipher;
        this.accessLog = accessLog;
        this.json = json;
    }

    /**
     * The prescription {@code rxId} of the tenant, opened for {@code purpose} by {@code accessor}; the read
     * is recorded in the audit trail in the same transaction.
     */
    Prescription open(String tenantId, String rxId, String accessor, String purpose) {
        return tenants.call(tenantId, () -> {
            Prescription rx = jdbc.queryForObject(SELECT + " WHERE tenant_id = ? AND rx_id = ?::uuid",
                    opening(tenantId), tenantId, rxId);
            accessLog.read(tenantId, rx.orderId(), RECORD, rx.rxId(), DETAIL_FIELDS, accessor, purpose);
            return rx;
        });
    }

    /**
     * The order's latest prescription (of its latest cycle that has one), opened for {@code purpose} by
     * {@code accessor} and recorded in the audit trail in the same transaction; empty, and nothing recorded,
     * when the order has none yet.
     */
    Optional<Prescription> latestOf(String tenantId, String orderId, String accessor, String purpose) {
        return tenants.call(tenantId, () -> {
            Optional<Prescription> latest = jdbc.query(SELECT + " WHERE tenant_id = ? AND order_id = ?"
                            + " ORDER BY cycle DESC, recorded_at DESC LIMIT 1", opening(tenantId), tenantId, orderId)
                    .stream().findFirst();
            latest.ifPresent(rx -> accessLog.read(tenantId, orderId, RECORD, rx.rxId(), DETAIL_FIELDS, accessor,
                    purpose));
            return latest;
        });
    }

    /** A row of {@link #SELECT}, its sealed details opened. */
    private RowMapper<Prescription> opening(String tenantId) {
        return (rs, i) -> {
            Details details = unseal(tenantId, rs.getString("rx_id"), rs.getBytes("details"));
            return new Prescription(rs.getString("rx_id"), rs.getString("order_id"), rs.getInt("cycle"),
                    details.medication(), details.doseMg(), rs.getInt("quantity"), details.directions(),
                    rs.getString("prescriber_npi"), rs.getTimestamp("recorded_at").toInstant());
        };
    }

    @Override
    public Prescription forTransmission(String tenantId, String rxId) {
        return open(tenantId, rxId, "job-workers/submit-erx", "erx-transmission");
    }

    @Override
    public Optional<Integer> cycleOf(String tenantId, String rxId) {
        UUID id;
        try {
            id = UUID.fromString(rxId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT cycle FROM clinical.prescription"
                + " WHERE tenant_id = ? AND rx_id = ?", Integer.class, tenantId, id).stream().findFirst());
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
            byte[] sealed = seal(tenantId, rxId,
                    new Details(details.medication(), details.doseMg(), details.directions()));
            int inserted = jdbc.update("INSERT INTO clinical.prescription (rx_id, tenant_id, order_id, cycle,"
                            + " provider_network, visit_id, details, quantity, prescriber_npi)"
                            + " VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    rxId, tenantId, orderId, cycle, details.network(), details.visitId(), sealed,
                    details.quantity(), details.prescriberNpi());
            if (inserted == 0) {
                return jdbc.queryForObject("SELECT rx_id::text FROM clinical.prescription WHERE tenant_id = ?"
                        + " AND provider_network = ? AND visit_id = ?", String.class,
                        tenantId, details.network(), details.visitId());
            }
            outbox.append(SCHEMA, orderId, tenantId, new RxRecorded(orderId, cycle, rxId));
            return rxId;
        });
    }

    private byte[] seal(String tenantId, String rxId, Details details) {
        try {
            return cipher.seal(tenantId, json.writeValueAsString(details), associatedData(rxId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise prescription details", e);
        }
    }

    private Details unseal(String tenantId, String rxId, byte[] sealed) {
        try {
            return json.readValue(cipher.open(tenantId, sealed, associatedData(rxId)), Details.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read prescription details", e);
        }
    }

    /** Binds the sealed details to their row: copied to another prescription, they do not open. */
    static String associatedData(String rxId) {
        return "clinical.prescription/" + rxId;
    }
}
