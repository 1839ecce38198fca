package dev.carepath.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.eventing.EventingProperties;
import dev.carepath.eventing.testing.RolePrivileges;
import dev.carepath.eventing.testing.TestDatabase;
import dev.carepath.tenancy.ApplicationRoleGrants;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's application role gets its privileges on Operaton's schema from the one grant policy of the platform
 * ({@link ApplicationRoleGrants#onEveryTable}: grant what is missing, revoke what is extra). It leaves the role exactly
 * what the engine's own policy before it left, which revoked everything the role held in the schema and granted again
 * ({@link #revokeThenGrant}, its statements kept here as the reference): on a schema just created, and on one where the
 * role holds stale privileges and misses some. Compared from the catalog, privilege by privilege, in a scratch schema
 * of the test database (dropped afterwards).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineRoleGrantsIT {

    private static final String HISTORY = "flyway_schema_history";

    @Autowired DataSource dataSource;
    @Autowired EventingProperties events;

    private String schema;
    private String role;
    private DriverManagerDataSource ownerLogin;
    private JdbcTemplate owner;

    @BeforeEach
    void operatonSchemaMigratedByItsOwner() throws SQLException {
        schema = "grants_it_" + UUID.randomUUID().toString().substring(0, 8);
        role = TestDatabase.applicationRole(dataSource);
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        ownerLogin = new DriverManagerDataSource(url, events.migration().username(), events.migration().password());
        owner = new JdbcTemplate(ownerLogin);
        new OperatonSchema(dataSource, schema, events.migration()).migrate();
    }

    @AfterEach
    void dropScratchSchema() {
        TestDatabase.superuser(dataSource).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void onAFreshSchemaTheRoleHoldsWhatRevokeThenGrantLeft() {
        List<String> granted = privileges();

        revokeThenGrant();

        assertThat(granted).as("privileges of %s after the one policy", role)
                .contains("schema USAGE", "table act_ge_property DELETE", "table act_ge_property INSERT",
                        "table act_ge_property SELECT", "table act_ge_property UPDATE")
                .noneMatch(privilege -> privilege.contains(HISTORY))
                .containsExactlyElementsOf(privileges());
        assertThat(owner.queryForList("SELECT c.relname || ' ' || c.relkind::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('S', 'v', 'm', 'f')",
                String.class, schema))
                .as("sequences, views and foreign tables, which the earlier policy left nothing on and the one policy"
                        + " would grant a sequence USAGE, SELECT: Operaton has none").isEmpty();
    }

    @Test
    void onAStaleSchemaTheRoleEndsWithWhatRevokeThenGrantLeft() {
        spoil();
        revokeThenGrant();
        List<String> byRevokeThenGrant = privileges();

        spoil();
        assertThat(privileges()).as("spoiled").contains("schema CREATE", "table act_ru_job TRUNCATE with grant option",
                "table act_ru_job SELECT with grant option", "table " + HISTORY + " SELECT",
                "column act_ge_property.rev_ UPDATE").doesNotContain("table act_ru_task UPDATE");
        new OperatonSchema(dataSource, schema, events.migration()).migrate();

        assertThat(privileges()).as("privileges of %s after the one policy", role)
                .contains("table act_probe_upgrade SELECT", "table act_ru_task UPDATE", "table act_ru_task DELETE")
                .containsExactlyElementsOf(byRevokeThenGrant);
    }

    @Test
    void whenEverythingIsInPlaceItRunsNoStatement() throws SQLException {
        try (Connection connection = ownerLogin.getConnection()) {
            assertThat(ApplicationRoleGrants.onEveryTable(schema, role).apply(connection, HISTORY))
                    .as("GRANT and REVOKE statements run on a schema whose privileges are in place").isEmpty();
        }
    }

    /**
     * What the role may hold after an older release or a hand on the console: {@code CREATE} on the schema, every
     * privilege with the grant option on a table, table privileges beyond rows, some of the rows privileges missing,
     * privileges on Flyway's history and on a single column, and a table of a newer Operaton with none.
     */
    private void spoil() {
        String s = schema + ".";
        owner.execute("CREATE TABLE IF NOT EXISTS " + s + "act_probe_upgrade (id_ varchar(64))");
        owner.execute("REVOKE ALL ON " + s + "act_probe_upgrade FROM " + role);
        owner.execute("GRANT CREATE ON SCHEMA " + schema + " TO " + role);
        owner.execute("GRANT ALL ON " + s + "act_ru_job TO " + role + " WITH GRANT OPTION");
        owner.execute("GRANT TRUNCATE, TRIGGER, REFERENCES ON " + s + "act_hi_procinst TO " + role);
        owner.execute("REVOKE UPDATE, DELETE ON " + s + "act_ru_task FROM " + role);
        owner.execute("GRANT SELECT, UPDATE ON " + s + HISTORY + " TO " + role);
        owner.execute("GRANT UPDATE (rev_) ON " + s + "act_ge_property TO " + role);
    }

    /** The engine's earlier policy, as it ran after every migration: revoke everything, grant again. */
    private void revokeThenGrant() {
        List<String> tables = owner.queryForList("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ? ORDER BY c.relname""",
                String.class, schema, HISTORY);
        owner.execute("REVOKE ALL ON SCHEMA " + schema + " FROM " + role);
        owner.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + role);
        owner.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + role);
        owner.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
        owner.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "
                + String.join(", ", tables.stream().map(table -> schema + "." + table).toList()) + " TO " + role);
    }

    private List<String> privileges() {
        return RolePrivileges.in(owner, schema, role);
    }
}
