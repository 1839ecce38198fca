package dev.carepath.workers.clinical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.tenancy.TenantTransactions;
import dev.carepath.workers.clinical.api.Intake;
import dev.carepath.workers.clinical.api.Intakes;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code clinical.intake} table: one intake per order, stored as a single payload sealed by
 * {@link PhiCipher} (bound to its tenant and order). Other capabilities (eligibility, notifications) read what they
 * need through {@link Intakes}, never through the table; every read is audited ({@link PhiAccessLog}) with who read
 * which fields and why.
 */
@Repository
class IntakeStore implements Intakes {

    private static final String RECORD = "intake";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final ObjectMapper json;
    private final PhiCipher cipher;
    private final PhiAccessLog accessLog;

    IntakeStore(JdbcTemplate jdbc, TenantTransactions tenants, ObjectMapper json, PhiCipher cipher,
            PhiAccessLog accessLog) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.json = json.copy().findAndRegisterModules();
        this.cipher = cipher;
        this.accessLog = accessLog;
    }

    /**
     * Stores the order's intake; a repeated submission replaces it until eligibility was evaluated on it
     * ({@link #forEvaluation}). After that the intake on file is the one the outcome was judged on, and it stays.
     *
     * @return whether it was stored ({@code false}: eligibility was already evaluated, nothing changed)
     */
    boolean store(String tenantId, String orderId, Intake intake) {
        String payload = write(intake);
        return tenants.call(tenantId, () -> jdbc.update("INSERT INTO clinical.intake (tenant_id, order_id, payload)"
                + " VALUES (?, ?, ?) ON CONFLICT (tenant_id, order_id) DO UPDATE SET payload = EXCLUDED.payload,"
                + " received_at = now() WHERE intake.evaluated_at IS NULL", tenantId, orderId,
                cipher.seal(tenantId, payload, associatedData(orderId))) == 1);
    }

    @Override
    public Optional<Intake> of(String tenantId, String orderId, String accessor, String purpose, List<String> fields) {
        return tenants.call(tenantId, () -> opened(tenantId, orderId, jdbc.query("SELECT payload FROM clinical.intake"
                + " WHERE tenant_id = ? AND order_id = ?", (rs, i) -> rs.getBytes(1), tenantId, orderId),
                accessor, purpose, fields));
    }

    @Override
    public Optional<Intake> forEvaluation(String tenantId, String orderId, String accessor, String purpose,
            List<String> fields) {
        return tenants.call(tenantId, () -> opened(tenantId, orderId, jdbc.query("UPDATE clinical.intake"
                + " SET evaluated_at = coalesce(evaluated_at, now()) WHERE tenant_id = ? AND order_id = ?"
                + " RETURNING payload", (rs, i) -> rs.getBytes(1), tenantId, orderId), accessor, purpose, fields));
    }

    /** Opens the sealed intake found (if any) and records the read, in the caller's tenant transaction. */
    private Optional<Intake> opened(String tenantId, String orderId, List<byte[]> sealed, String accessor,
            String purpose, List<String> fields) {
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        Intake intake = read(cipher.open(tenantId, sealed.get(0), associatedData(orderId)));
        accessLog.read(tenantId, orderId, RECORD, orderId, fields, accessor, purpose);
        return Optional.of(intake);
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
