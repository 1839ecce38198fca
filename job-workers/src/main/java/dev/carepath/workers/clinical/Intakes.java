package dev.carepath.workers.clinical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.eventing.TenantTransactions;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code clinical.intake} table: one intake per order, stored as a single payload so field encryption
 * can wrap it whole. Its public methods are how other capabilities (eligibility, notifications) read what
 * they need, never through the table.
 */
@Repository
public class Intakes {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final ObjectMapper json;

    Intakes(JdbcTemplate jdbc, TenantTransactions tenants, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.json = json.copy().findAndRegisterModules();
    }

    /** Stores the order's intake; a repeated submission replaces it until eligibility was evaluated. */
    void store(String tenantId, String orderId, Intake intake) {
        String payload = write(intake);
        tenants.run(tenantId, () -> jdbc.update("INSERT INTO clinical.intake (tenant_id, order_id, payload)"
                + " VALUES (?, ?, ?::jsonb) ON CONFLICT (tenant_id, order_id) DO UPDATE SET payload = EXCLUDED.payload,"
                + " received_at = now()", tenantId, orderId, payload));
    }

    /** The order's intake, if the agent sent one. */
    public Optional<Intake> of(String tenantId, String orderId) {
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT payload::text FROM clinical.intake"
                + " WHERE tenant_id = ? AND order_id = ?", String.class, tenantId, orderId).stream().findFirst()
                .map(this::read));
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
