package dev.carepath.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one policy for what a deployable's application role (its runtime login, neither owner nor {@code BYPASSRLS})
 * holds in a schema its owner migrates, made so after every migration run, in the run's transaction:
 * <ul>
 *   <li>{@code USAGE} on the schema, and not {@code CREATE};</li>
 *   <li>on each table but Flyway's history, {@code SELECT, INSERT, UPDATE, DELETE}, and nothing else
 *       ({@code TRUNCATE}, {@code REFERENCES}, {@code TRIGGER}, {@code MAINTAIN}, a grant option, a column's own
 *       privilege). In a service schema a migration may grant the role less on a table itself, as
 *       {@code ${application_role}} (an append-only audit log: {@code SELECT, INSERT}); a table the role holds any of
 *       the four on keeps what it holds ({@link #unlessMigrationsGrant}). Operaton's tables come from scripts that
 *       know no role of ours, so there each table gets all four ({@link #onEveryTable});</li>
 *   <li>{@code USAGE, SELECT} on each sequence, not {@code UPDATE};</li>
 *   <li>nothing on Flyway's history.</li>
 * </ul>
 *
 * <p>Both halves are computed from the catalog: it grants only what is missing and revokes only what is extra (left by
 * hand, or by an older release). A node starting beside running ones finds nothing to change, runs no {@code GRANT} or
 * {@code REVOKE}, and so takes no lock the running nodes' transactions could make it wait for.
 */
public final class ApplicationRoleGrants implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRoleGrants.class);

    private static final List<String> ROWS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
    private static final Set<String> SEQUENCE = Set.of("USAGE", "SELECT");
    /** The privilege names the catalog reports, before they are spliced into a statement. */
    private static final Pattern PRIVILEGE = Pattern.compile("[A-Z]+");

    private final String schema;
    private final String applicationRole;
    private final boolean everyTableGetsAllRows;

    private ApplicationRoleGrants(String schema, String applicationRole, boolean everyTableGetsAllRows) {
        this.schema = SchemaNames.checked(schema);
        this.applicationRole = SchemaNames.checked(applicationRole);
        this.everyTableGetsAllRows = everyTableGetsAllRows;
    }

    /** A service schema: a table on which a migration granted the role some of the four privileges keeps just those. */
    public static ApplicationRoleGrants unlessMigrationsGrant(String schema, String applicationRole) {
        return new ApplicationRoleGrants(schema, applicationRole, false);
    }

    /** A schema whose migrations grant nothing (Operaton's): every table gets all four privileges. */
    public static ApplicationRoleGrants onEveryTable(String schema, String applicationRole) {
        return new ApplicationRoleGrants(schema, applicationRole, true);
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
        apply(context.getConnection(), context.getConfiguration().getTable());
    }

    @Override
    public String getCallbackName() {
        return "application-role-grants";
    }

    /**
     * Grants what is missing and revokes what is extra, on {@code connection} (the owner's).
     *
     * @param flywayHistory the name of the schema's Flyway history table, which the role gets nothing on
     * @return the statements run, none when everything was in place
     */
    public List<String> apply(Connection connection, String flywayHistory) {
        try {
            List<String> changes = new ArrayList<>();
            changes.addAll(revokeExtras(connection, flywayHistory));
            changes.addAll(grantMissing(connection, flywayHistory));
            try (Statement sql = connection.createStatement()) {
                for (String change : changes) {
                    sql.execute(change);
                }
            }
            if (!changes.isEmpty()) {
                log.info("schema {}: privileges of {} brought in line: {}", schema, applicationRole, changes);
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot grant " + applicationRole + " its privileges on schema " + schema, e);
        }
    }

    private List<String> revokeExtras(Connection connection, String flywayHistory) throws SQLException {
        List<String> revokes = new ArrayList<>();
        for (List<String> held : rows(connection, """
                SELECT a.privilege_type, a.is_grantable::text
                FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
                WHERE n.nspname = ? AND a.grantee = ?::regrole ORDER BY 1""", schema, applicationRole)) {
            String privilege = privilege(held.get(0));
            if (!privilege.equals("USAGE")) {
                revokes.add("REVOKE " + privilege + " ON SCHEMA " + schema + " FROM " + applicationRole);
            } else if (Boolean.parseBoolean(held.get(1))) {
                revokes.add("REVOKE GRANT OPTION FOR USAGE ON SCHEMA " + schema + " FROM " + applicationRole);
            }
        }
        for (List<String> held : rows(connection, """
                SELECT format('%I.%I', n.nspname, c.relname), c.relkind::text, (c.relname = ?)::text,
                       a.privilege_type, a.is_grantable::text
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'S') AND a.grantee = ?::regrole
                ORDER BY 1, 4""", flywayHistory, schema, applicationRole)) {
            boolean sequence = held.get(1).equals("S");
            String object = (sequence ? "SEQUENCE " : "") + held.get(0);
            String privilege = privilege(held.get(3));
            boolean wanted = !Boolean.parseBoolean(held.get(2))
                    && (sequence ? SEQUENCE.contains(privilege) : ROWS.contains(privilege));
            if (!wanted) {
                revokes.add("REVOKE " + privilege + " ON " + object + " FROM " + applicationRole);
            } else if (Boolean.parseBoolean(held.get(4))) {
                revokes.add("REVOKE GRANT OPTION FOR " + privilege + " ON " + object + " FROM " + applicationRole);
            }
        }
        for (List<String> held : rows(connection, """
                SELECT format('%I.%I', n.nspname, c.relname), quote_ident(t.attname), a.privilege_type
                FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL aclexplode(t.attacl) a
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT t.attisdropped AND a.grantee = ?::regrole
                ORDER BY 1, 2, 3""", schema, applicationRole)) {
            revokes.add("REVOKE " + privilege(held.get(2)) + " (" + held.get(1) + ") ON " + held.get(0)
                    + " FROM " + applicationRole);
        }
        return revokes;
    }

    private List<String> grantMissing(Connection connection, String flywayHistory) throws SQLException {
        List<String> grants = new ArrayList<>();
        if (!rows(connection, "SELECT 'missing' WHERE NOT has_schema_privilege(?, ?, 'USAGE')", applicationRole, schema)
                .isEmpty()) {
            grants.add("GRANT USAGE ON SCHEMA " + schema + " TO " + applicationRole);
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (List<String> lacking : rows(connection, """
                SELECT format('%I.%I', n.nspname, c.relname), p.privilege
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) WITH ORDINALITY p(privilege, position)
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ?
                  AND NOT has_table_privilege(?, c.oid, p.privilege)
                  AND (?::boolean OR NOT has_table_privilege(?, c.oid, 'SELECT, INSERT, UPDATE, DELETE'))
                ORDER BY 1, p.position""", schema, flywayHistory, applicationRole,
                Boolean.toString(everyTableGetsAllRows), applicationRole)) {
            missing.computeIfAbsent(lacking.get(0), table -> new ArrayList<>()).add(privilege(lacking.get(1)));
        }
        missing.forEach((table, privileges) ->
                grants.add("GRANT " + String.join(", ", privileges) + " ON " + table + " TO " + applicationRole));
        for (List<String> sequence : rows(connection, """
                SELECT format('%I.%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind = 'S'
                  AND NOT (has_sequence_privilege(?, c.oid, 'USAGE') AND has_sequence_privilege(?, c.oid, 'SELECT'))
                ORDER BY 1""", schema, applicationRole, applicationRole)) {
            grants.add("GRANT USAGE, SELECT ON SEQUENCE " + sequence.get(0) + " TO " + applicationRole);
        }
        return grants;
    }

    private static String privilege(String name) {
        if (!PRIVILEGE.matcher(name).matches()) {
            throw new IllegalStateException("not a privilege: " + name);
        }
        return name;
    }

    private static List<List<String>> rows(Connection connection, String query, String... args) throws SQLException {
        try (var statement = connection.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (var result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
