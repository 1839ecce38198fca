package dev.carepath.eventing;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sets the tenant of the current transaction ({@code app.tenant_id}), which row-level security
 * policies read. Transaction-local: it ends with the transaction and never leaks to a pooled
 * connection's next user.
 */
public final class TenantScope {

    private TenantScope() {
    }

    public static void enter(JdbcTemplate jdbc, String tenantId) {
        jdbc.queryForObject("SELECT set_config('app.tenant_id', ?, true)", String.class, tenantId);
    }
}
