package dev.carepath.eventing.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves row-level security from the database catalog, for every table with a {@code tenant_id} in the
 * given service schemas, so a table added later without it fails the build:
 * <ul>
 *   <li>the catalog: RLS enabled and forced, the tenant policy present, the application role neither the
 *       owner nor superuser nor {@code BYPASSRLS}, and no privilege on any other service's schema;</li>
 *   <li>behaviour, as the application role: with tenant A set, B's row is not seen, not updated, not
 *       deleted, and a row for B cannot be inserted nor A's row moved to B; with no tenant set, nothing
 *       is seen and nothing inserted. A's own row is seen under A, so the probe itself can fail.</li>
 * </ul>
 */
public final class TenantIsolation {

    private final String applicationRole;
    private final JdbcTemplate superuser;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SampleRows samples;

    public TenantIsolation(DataSource application) {
        this.applicationRole = TestDatabase.applicationRole(application);
        this.superuser = TestDatabase.superuserSession(application);
        this.jdbc = new JdbcTemplate(application);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(application));
        this.samples = new SampleRows(superuser);
    }

    /** Every table with a {@code tenant_id} column in {@code schemas}, as {@code schema.table}, from the catalog. */
    public List<String> tenantTables(List<String> schemas) {
        return superuser.queryForList("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') ORDER BY 1""",
                String.class, (Object) schemas.toArray(String[]::new));
    }

    /**
     * The application role may use {@code own} schemas and no other schema of the database, and owns none of
     * their tables.
     */
    public void assertOwnSchemasOnly(List<String> own) {
        assertThat(superuser.queryForObject(
                "SELECT rolsuper OR rolbypassrls OR rolcreaterole FROM pg_roles WHERE rolname = ?",
                Boolean.class, applicationRole)).as("%s is superuser, BYPASSRLS or CREATEROLE", applicationRole)
                .isFalse();
        List<String> foreign = superuser.queryForList("""
                SELECT nspname FROM pg_namespace
                WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg\\_%'
                  AND nspname <> ALL (?) AND (has_schema_privilege(?, oid, 'USAGE')
                                              OR has_schema_privilege(?, oid, 'CREATE'))""",
                String.class, own.toArray(String[]::new), applicationRole, applicationRole);
        assertThat(foreign).as("schemas of other services that %s may use", applicationRole).isEmpty();
        List<String> owned = superuser.queryForList("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY (?) AND pg_get_userbyid(c.relowner) = ?""",
                String.class, own.toArray(String[]::new), applicationRole);
        assertThat(owned).as("tables owned by the application role %s", applicationRole).isEmpty();
    }

    /**
     * The catalog protects {@code qualifiedTable} (RLS enabled and forced, tenant policy present), and the
     * application role does not own it.
     */
    public void assertProtected(String qualifiedTable) {
        Map<String, Object> facts = superuser.queryForMap("""
                SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                       pg_get_userbyid(c.relowner) AS owner,
                       EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname
                               AND p.policyname = 'tenant_isolation' AND p.cmd = 'ALL') AS tenant_policy
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname || '.' || c.relname = ?""", qualifiedTable);
        assertThat(facts.get("enabled")).as("%s: row level security enabled", qualifiedTable).isEqualTo(true);
        assertThat(facts.get("forced")).as("%s: row level security forced", qualifiedTable).isEqualTo(true);
        assertThat(facts.get("tenant_policy")).as("%s: policy tenant_isolation", qualifiedTable).isEqualTo(true);
        assertThat(facts.get("owner")).as("%s: owner", qualifiedTable).isNotEqualTo(applicationRole);
    }

    /** Tenant A's transactions cannot see or write tenant B's rows; no tenant sees and writes nothing. */
    public void assertIsolated(String qualifiedTable) {
        String schema = qualifiedTable.substring(0, qualifiedTable.indexOf('.'));
        String table = qualifiedTable.substring(qualifiedTable.indexOf('.') + 1);
        String a = "rls-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "rls-b-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> rowOfA = samples.row(schema, table, a);
        Map<String, String> rowOfB = samples.row(schema, table, b);
        String insert = samples.insertSql(schema, table, rowOfA);
        superuser.update(insert, rowOfA.values().toArray());
        superuser.update(insert, rowOfB.values().toArray());
        String count = "SELECT count(*) FROM " + qualifiedTable + " WHERE tenant_id::text = ?";
        try {
            assertThat(this.<Long>as(a, j -> j.queryForObject(count, Long.class, a))).as("%s: A sees its own row", qualifiedTable)
                    .isEqualTo(1L);
            assertThat(this.<Long>as(a, j -> j.queryForObject(count, Long.class, b))).as("%s: A sees B's row", qualifiedTable)
                    .isZero();
            assertChangesNothing(qualifiedTable + ": A updates B's row", () -> as(a, j -> j.update("UPDATE "
                    + qualifiedTable + " SET tenant_id = tenant_id WHERE tenant_id::text = ?", b)));
            assertChangesNothing(qualifiedTable + ": A deletes B's row", () -> as(a, j -> j.update("DELETE FROM "
                    + qualifiedTable + " WHERE tenant_id::text = ?", b)));
            Map<String, String> anotherOfB = samples.row(schema, table, b);
            assertRefused(qualifiedTable + ": A inserts a row of B", () -> as(a, j ->
                    j.update(samples.insertSql(schema, table, anotherOfB), anotherOfB.values().toArray())));
            assertRefused(qualifiedTable + ": A moves its row to B", () -> as(a, j ->
                    j.update("UPDATE " + qualifiedTable + " SET tenant_id = ? WHERE tenant_id::text = ?", b, a)));
            assertThat(this.<Long>as(null, j -> j.queryForObject("SELECT count(*) FROM " + qualifiedTable
                    + " WHERE tenant_id::text IN (?, ?)", Long.class, a, b)))
                    .as("%s: no tenant set sees rows", qualifiedTable).isZero();
            Map<String, String> orphan = samples.row(schema, table, a);
            assertRefused(qualifiedTable + ": no tenant set inserts a row", () -> as(null, j ->
                    j.update(samples.insertSql(schema, table, orphan), orphan.values().toArray())));
        } finally {
            // Triggers off for the cleanup only: an append-only table (the audit store) refuses DELETE to
            // every role, which is what it should do everywhere else.
            superuser.execute("SET session_replication_role = replica");
            try {
                superuser.update("DELETE FROM " + qualifiedTable + " WHERE tenant_id::text IN (?, ?)", a, b);
            } finally {
                superuser.execute("RESET session_replication_role");
            }
        }
    }

    private <T> T as(String tenant, Function<JdbcTemplate, T> work) {
        return tx.execute(status -> {
            if (tenant != null) {
                jdbc.queryForObject("SELECT set_config('app.tenant_id', ?, true)", String.class, tenant);
            }
            return work.apply(jdbc);
        });
    }

    /**
     * The attempt changes no row: it finds none, or the role may not run that command on the table at all
     * (an append-only table revokes UPDATE and DELETE), which keeps the tenants apart just as well.
     */
    private static void assertChangesNothing(String what, Supplier<Integer> attempt) {
        int changed;
        try {
            changed = attempt.get();
        } catch (RuntimeException e) {
            assertRefused(what, () -> {
                throw e;
            });
            return;
        }
        assertThat(changed).as(what).isZero();
    }

    private static void assertRefused(String what, Runnable attempt) {
        assertThatThrownBy(attempt::run).as(what).satisfies(e -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            assertThat(cause).as(what).isInstanceOf(SQLException.class);
            assertThat(((SQLException) cause).getSQLState()).as("%s: %s", what, cause.getMessage())
                    .isEqualTo("42501");
        });
    }
}
