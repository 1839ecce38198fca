package dev.carepath.workers.clinical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.eventing.TenantTransactions;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code clinical.intake} table: one intake per order, stored as a single payload sealed by
 * {@link PhiCipher} (bound to its tenant and order). Its public methods are how other capabilities
 * (eligibility, notifications) read what they need, never through the table; every read is audited
 * ({@link PhiAccessLog}) with who read which fields and why.
 */
@Repository
public class Intakes {

    private static final String RECORD = "intake";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final ObjectMapper json;
    private final PhiCipher cipher;
    private final PhiAccessLog accessLog;

    Intakes(JdbcTemplate jdbc, TenantTransactions tenants, ObjectMapper json, PhiCipher cipher,
            PhiAccessLog accessLog) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.json = json.copy().findAndRegisterModules();
        this.cipher = cipher;
        this.accessLog = accessLog;
    }

    /** Stores the order's intake; a repeated submission replaces it until eligibility was evaluated. */
    void store(String tenantId, String orderId, Intake intake) {
        String payload = write(intake);
        tenants.run(tenantId, () -> jdbc.update("INSERT INTO clinical.intake (tenant_id, order_id, payload)"
                + " VALUES (?, ?, ?) ON CONFLICT (tenant_id, order_id) DO UPDATE SET payload = EXCLUDED.payload,"
                + " received_at = now()", tenantId, orderId,
                cipher.seal(tenantId, payload, associatedData(orderId))));
    }

    /**
     * The order's intake, if the agent sent one; the read is recorded in the audit trail.
     *
     * @param accessor who reads (service and task, e.g. {@code job-workers/notify-patient})
     * @param purpose  why, e.g. {@code patient-notification}
     * @param fields   the fields the reader will use
     */
    public Optional<Intake> of(String tenantId, String orderId, String accessor, String purpose, List<String> fields) {
        return tenants.call(tenantId, () -> {
            List<byte[]> sealed = jdbc.query("SELECT payload FROM clinical.intake WHERE tenant_id = ? AND order_id = ?",
                    (rs, i) -> rs.getBytes(1), tenantId, orderId);
            if (sealed.isEmpty()) {
                return Optional.<Intake>empty();
            }
            Intake intake = read(cipher.open(tenantId, sealed.get(0), associatedData(orderId)));
            accessLog.read(tenantId, orderId, RECORD, orderId, fields, accessor, purpose);
            return Optional.of(intake);
        });
    }

    private static String associatedData(String orderId) {
        return "clinical.intake/" + orderId;
    }

    private String write(Intake intake) {
        try {
            return json.writeValueAsString(intake);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake not serialisable");
        }
    }

    private Intake read(String payload) {
        try {
            return json.readValue(payload, Intake.class);
        } catch (JsonProcessingException e) {
            // Never the message: it would quote the payload.
            throw new IllegalStateException("stored intake unreadable");
        }
    }
}
