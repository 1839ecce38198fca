package dev.carepath.tenancy;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sets the tenant of the current transaction ({@code app.tenant_id}), which row-level security
 * policies read. Transaction-local: it ends with the transaction and never leaks to a pooled
 * connection's next user.
 *
 * <p>A few system tasks must read across tenants (the outbox relay, the webhook ingress finding an
 * order's tenant). They do not get a way around row-level security; they name their purpose
 * ({@code app.purpose}) and only the policies written for that purpose, on the tables and commands
 * it needs, admit them (docs/adr/0006-tenancy-and-row-level-security.md).
 */
public final class TenantScope {

    /** The outbox relay: reads and marks every tenant's outbox rows. */
    public static final String OUTBOX_RELAY = "outbox-relay";

    private TenantScope() {
    }

    public static void enter(JdbcTemplate jdbc, String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("a tenant transaction needs a tenant id");
        }
        jdbc.queryForObject("SELECT set_config('app.tenant_id', ?, true)", String.class, tenantId);
    }

    /** Declares the current transaction's cross-tenant {@code purpose} (one of the constants here or a service's). */
    public static void enterPurpose(JdbcTemplate jdbc, String purpose) {
        jdbc.queryForObject("SELECT set_config('app.purpose', ?, true)", String.class, purpose);
    }
}
