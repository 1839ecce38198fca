package dev.carepath.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects every tenant-scoped table of a service schema, after each migration run: a table with a
 * {@code tenant_id} column gets row-level security enabled and forced (so the owner is held to it too)
 * and the policy {@value #POLICY}, which admits a row only to a transaction whose {@code app.tenant_id}
 * ({@link TenantScope}) names its tenant, for reading and for writing. A missing setting admits nothing.
 *
 * <p>Then the application role (the deployable's runtime login, neither owner nor {@code BYPASSRLS}) gets its
 * privileges by {@link ApplicationRoleGrants#unlessMigrationsGrant}: {@code USAGE} on the schema and
 * {@code SELECT, INSERT, UPDATE, DELETE} on each table it has no privilege on yet. A migration that wants less for a
 * table (an append-only audit log) grants exactly that to {@code ${application_role}} itself, and this step leaves
 * the table's four privileges alone; whatever else the role holds in the schema is revoked.
 *
 * <p>Tables created by later migrations, by any team, are covered without extra work; the catalog test
 * in each deployable fails for any tenant-scoped table this step did not reach.
 *
 * <p>It changes only what is missing (and, for the grants, what is extra). A node that starts again beside running
 * copies of itself finds every table protected and granted already, and must not take a table's
 * {@code ACCESS EXCLUSIVE} lock for an {@code ALTER TABLE} that changes nothing: while the running nodes'
 * transactions hold their locks on those tables, such a start waits for them, and where one of them waits for the
 * next table in turn, PostgreSQL ends the start as a deadlock.
 */
final class RowLevelSecurity implements Callback {

    /** The standard tenant policy's name. */
    static final String POLICY = "tenant_isolation";

    /** The setting the policy reads; {@link TenantScope} sets it per transaction. */
    static final String TENANT_SETTING = "app.tenant_id";

    private static final Logger log = LoggerFactory.getLogger(RowLevelSecurity.class);

    private final String schema;
    private final ApplicationRoleGrants grants;

    /** @param applicationRole the runtime role to grant to, or null when the deployable migrates as itself */
    RowLevelSecurity(String schema, String applicationRole) {
        this.schema = SchemaNames.checked(schema);
        this.grants = applicationRole == null ? null
                : ApplicationRoleGrants.unlessMigrationsGrant(schema, applicationRole);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            apply(context.getConnection(), context.getConfiguration().getTable());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply row-level security to schema " + schema, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "row-level-security";
    }

    private void apply(Connection connection, String flywayHistory) throws SQLException {
        List<String> protectedTables = new ArrayList<>();
        try (Statement sql = connection.createStatement()) {
            for (TenantTable tenantTable : tenantTables(connection)) {
                String table = tenantTable.name();
                String qualified = schema + "." + table;
                if (!tenantTable.enabled()) {
                    sql.execute("ALTER TABLE " + qualified + " ENABLE ROW LEVEL SECURITY");
                }
                if (!tenantTable.forced()) {
                    sql.execute("ALTER TABLE " + qualified + " FORCE ROW LEVEL SECURITY");
                }
                if (!hasPolicy(connection, table)) {
                    String mine = "tenant_id::text = current_setting('" + TENANT_SETTING + "', true)";
                    sql.execute("CREATE POLICY " + POLICY + " ON " + qualified
                            + " USING (" + mine + ") WITH CHECK (" + mine + ")");
                }
                protectedTables.add(table);
            }
        }
        if (grants != null) {
            grants.apply(connection, flywayHistory);
        }
        log.info("schema {}: row-level security on {}", schema, protectedTables);
    }

    /** A table of the schema with a {@code tenant_id}, and whether its row-level security is enabled and forced. */
    private record TenantTable(String name, boolean enabled, boolean forced) {
    }

    private List<TenantTable> tenantTables(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname""")) {
            statement.setString(1, schema);
            List<TenantTable> tables = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(new TenantTable(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3)));
                }
            }
            return tables;
        }
    }

    private boolean hasPolicy(Connection connection, String table) throws SQLException {
        return !names(connection, "SELECT policyname FROM pg_policies WHERE schemaname = ? AND tablename = ?"
                + " AND policyname = '" + POLICY + "'", schema, table).isEmpty();
    }

    private static List<String> names(Connection connection, String query, String... args) throws SQLException {
        try (var statement = connection.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            List<String> names = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }
}
