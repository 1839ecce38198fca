package dev.carepath.workers.notifications;

import dev.carepath.tenancy.TenantTransactions;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code notifications.channel_opt_out} table: the channels of an order's notifications the patient opted out
 * of after the intake (the intake, closed once eligibility was judged on it, keeps the channels first chosen).
 * Recorded once per channel; honoured from the next message on.
 */
@Repository
class OptOuts {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;

    OptOuts(JdbcTemplate jdbc, TenantTransactions tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    /** Records the opt-out; {@code false} when it was recorded before (the first one stands). */
    boolean record(String tenantId, String orderId, String channel) {
        return tenants.call(tenantId, () -> jdbc.update("INSERT INTO notifications.channel_opt_out (tenant_id,"
                + " order_id, channel) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", tenantId, orderId, channel) == 1);
    }

    /** The channels ({@code email}, {@code sms}, {@code push}) the order's patient opted out of. */
    Set<String> of(String tenantId, String orderId) {
        return tenants.call(tenantId, () -> new HashSet<>(jdbc.queryForList("SELECT channel FROM"
                        + " notifications.channel_opt_out WHERE tenant_id = ? AND order_id = ?", String.class,
                tenantId, orderId)));
    }
}
