package dev.carepath.workers.eligibility;

import dev.carepath.eventing.TenantTransactions;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code eligibility.evaluation} table: one outcome per order, the first one kept. */
@Repository
class Evaluations {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;

    Evaluations(JdbcTemplate jdbc, TenantTransactions tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    Optional<EligibilityDecision.Outcome> of(String tenantId, String orderId) {
        return tenants.call(tenantId, () -> jdbc.query("SELECT outcome, reason_code FROM eligibility.evaluation"
                        + " WHERE tenant_id = ? AND order_id = ?",
                (rs, i) -> new EligibilityDecision.Outcome(rs.getString(1), rs.getString(2)), tenantId, orderId)
                .stream().findFirst());
    }

    void record(String tenantId, String orderId, EligibilityDecision.Outcome outcome) {
        tenants.run(tenantId, () -> jdbc.update("INSERT INTO eligibility.evaluation (tenant_id, order_id, outcome,"
                        + " reason_code, decision_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                tenantId, orderId, outcome.outcome(), outcome.reasonCode(), EligibilityDecision.DECISION_KEY));
    }
}
