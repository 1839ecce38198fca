package dev.carepath.workers.eligibility;

import dev.carepath.contracts.events.data.PatientQualified;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code eligibility.evaluation} table and {@code patient.qualified}, written together: one outcome per order,
 * the first one kept, and its event once, in the same transaction.
 */
@Repository
class Evaluations {

    static final String SCHEMA = "eligibility";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    Evaluations(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    Optional<EligibilityDecision.Outcome> of(String tenantId, String orderId) {
        return tenants.call(tenantId, () -> find(tenantId, orderId));
    }

    /**
     * Keeps {@code outcome} as the order's evaluation unless one is kept already, and announces the one it keeps with
     * {@code patient.qualified}: outcome, reason code and the routing facts the table was asked about, never an input
     * derived from the intake. A second evaluation of the order (the task run again, or by two workers at once)
     * changes nothing and publishes nothing.
     *
     * @return the order's kept outcome: {@code outcome}, or the one an earlier evaluation kept
     */
    EligibilityDecision.Outcome record(String tenantId, String orderId, String therapy, String stateCode,
            EligibilityDecision.Outcome outcome) {
        return tenants.call(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO eligibility.evaluation (tenant_id, order_id, outcome, reason_code,"
                            + " decision_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    tenantId, orderId, outcome.outcome(), outcome.reasonCode(), EligibilityDecision.DECISION_KEY);
            if (inserted == 0) {
                return find(tenantId, orderId).orElseThrow(() ->
                        new IllegalStateException("an evaluation of the order conflicted but cannot be read"));
            }
            outbox.append(SCHEMA, orderId, tenantId, new PatientQualified(orderId, outcome.outcome(),
                    outcome.reasonCode(), EligibilityDecision.DECISION_KEY, therapy, stateCode));
            return outcome;
        });
    }

    private Optional<EligibilityDecision.Outcome> find(String tenantId, String orderId) {
        return jdbc.query("SELECT outcome, reason_code FROM eligibility.evaluation WHERE tenant_id = ? AND order_id = ?",
                (rs, i) -> new EligibilityDecision.Outcome(rs.getString(1), rs.getString(2)), tenantId, orderId)
                .stream().findFirst();
    }
}
