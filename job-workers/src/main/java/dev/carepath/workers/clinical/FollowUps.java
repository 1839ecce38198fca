package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.FollowUpFinding;
import dev.carepath.tenancy.TenantTransactions;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code clinical.follow_up} table, and which network treated the patient in an earlier cycle. */
@Repository
class FollowUps {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;

    FollowUps(JdbcTemplate jdbc, TenantTransactions tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    Optional<Boolean> toleratedAt(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT tolerated FROM clinical.follow_up"
                + " WHERE tenant_id = ? AND order_id = ? AND cycle = ?", Boolean.class, tenantId, orderId, cycle)
                .stream().findFirst());
    }

    /** The network of the order's latest visit before this cycle. */
    Optional<String> networkBefore(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT provider_network FROM clinical.visit"
                + " WHERE tenant_id = ? AND order_id = ? AND cycle < ? ORDER BY cycle DESC LIMIT 1", String.class,
                tenantId, orderId, cycle).stream().findFirst());
    }

    void record(String tenantId, String orderId, int cycle, int doseStep, FollowUpFinding finding) {
        tenants.run(tenantId, () -> jdbc.update("INSERT INTO clinical.follow_up (tenant_id, order_id, cycle,"
                        + " provider_network, follow_up_id, dose_step, tolerated) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", tenantId, orderId, cycle, finding.network(), finding.followUpId(),
                doseStep, finding.tolerated()));
    }
}
