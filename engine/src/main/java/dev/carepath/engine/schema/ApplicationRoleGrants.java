package dev.carepath.engine.schema;

import dev.carepath.tenancy.SchemaNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migration run of the Operaton schema (so at every start, idempotently, in the run's transaction),
 * leaves the application role exactly what Operaton needs at run time: {@code USAGE} on the schema and
 * {@code SELECT, INSERT, UPDATE, DELETE} on each of its tables. Operaton's tables use no sequences, and its locks are
 * {@code SELECT ... FOR UPDATE} on {@code ACT_GE_PROPERTY}, which {@code UPDATE} covers. Whatever else the role held
 * in the schema (granted by hand, or by an older release) is revoked in the same transaction, so sessions of a running
 * engine never see the role without its privileges. It gets no {@code CREATE} on the schema and owns no table, so it
 * cannot create, alter or drop one, and nothing on the Flyway history.
 */
final class ApplicationRoleGrants implements Callback {

    private final String schema;
    private final String applicationRole;

    ApplicationRoleGrants(String schema, String applicationRole) {
        this.schema = SchemaNames.checked(schema);
        this.applicationRole = SchemaNames.checked(applicationRole);
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
            grant(context.getConnection(), context.getConfiguration().getTable());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant " + applicationRole + " its privileges on schema " + schema, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "application-role-grants";
    }

    private void grant(Connection connection, String flywayHistory) throws SQLException {
        List<String> tables = tables(connection, flywayHistory);
        try (Statement sql = connection.createStatement()) {
            sql.execute("REVOKE ALL ON SCHEMA " + schema + " FROM " + applicationRole);
            sql.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + applicationRole);
            sql.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + applicationRole);
            sql.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + applicationRole);
            if (!tables.isEmpty()) {
                sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "
                        + String.join(", ", tables.stream().map(table -> schema + "." + table).toList())
                        + " TO " + applicationRole);
            }
        }
    }

    private List<String> tables(Connection connection, String flywayHistory) throws SQLException {
        try (var query = connection.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ? ORDER BY c.relname""")) {
            query.setString(1, schema);
            query.setString(2, flywayHistory);
            List<String> tables = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(SchemaNames.checked(rows.getString(1)));
                }
            }
            return tables;
        }
    }
}
