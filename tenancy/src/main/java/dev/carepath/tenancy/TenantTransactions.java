package dev.carepath.tenancy;

import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction that belongs to one tenant: {@link TenantScope} is set first, so every
 * statement of the transaction, and the row-level security policies reading {@code app.tenant_id},
 * see that tenant only. The one place where a service opens a tenant's transaction.
 */
public class TenantTransactions {

    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;

    public TenantTransactions(TransactionTemplate tx, JdbcTemplate jdbc) {
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** Runs {@code work} in a transaction of {@code tenantId} and returns its result. */
    public <T> T call(String tenantId, Supplier<T> work) {
        return tx.execute(status -> {
            TenantScope.enter(jdbc, tenantId);
            return work.get();
        });
    }

    /**
     * Runs {@code work} in a transaction that belongs to no tenant but declares {@code purpose}: only the
     * policies written for that purpose admit it, to the rows and commands they name.
     */
    public <T> T acrossTenants(String purpose, Supplier<T> work) {
        return tx.execute(status -> {
            TenantScope.enterPurpose(jdbc, purpose);
            return work.get();
        });
    }

    /** Runs {@code work} in a transaction of {@code tenantId}. */
    public void run(String tenantId, Runnable work) {
        call(tenantId, () -> {
            work.run();
            return null;
        });
    }
}
