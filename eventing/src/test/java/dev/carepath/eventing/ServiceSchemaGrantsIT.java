package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.eventing.testing.RolePrivileges;
import dev.carepath.tenancy.ApplicationRoleGrants;
import dev.carepath.tenancy.SchemaOwner;
import dev.carepath.tenancy.ServiceSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A service schema migrated by its owner for the application role, as a deployable does it (the job-workers' logins
 * on the local stack's test database): the role gets {@code USAGE} on the schema, the four row privileges on each
 * table, or what the table's migration granted it ({@code journal}: {@code SELECT, INSERT}), {@code USAGE, SELECT}
 * on the sequences and nothing else; what it holds beyond that (by hand) is revoked at the next start, and a start that
 * finds everything in place runs no statement.
 */
class ServiceSchemaGrantsIT {

    private static final String SCHEMA = "grants_it";
    private static final String URL = "jdbc:postgresql://" + env("CAREPATH_PGHOST", "127.0.0.1") + ":"
            + env("CAREPATH_PGPORT", "5432") + "/" + env("CAREPATH_TEST_DB", "carepath_test");
    private static final SchemaOwner.Login OWNER =
            new SchemaOwner.Login("carepath_workers", env("CAREPATH_WORKERS_DB_PASSWORD", "carepath_workers"));
    private static final String ROLE = "carepath_workers_app";

    private final DriverManagerDataSource application =
            new DriverManagerDataSource(URL, ROLE, env("CAREPATH_WORKERS_APP_DB_PASSWORD", "carepath_workers_app"));
    private final DriverManagerDataSource ownerLogin =
            new DriverManagerDataSource(URL, OWNER.username(), OWNER.password());
    private final JdbcTemplate owner = new JdbcTemplate(ownerLogin);

    @BeforeEach
    @AfterEach
    void noSchema() {
        owner.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void theRoleGetsRowsOrWhatItsMigrationGrantedAndLosesWhatElseItWasGiven() {
        start();
        List<String> granted = RolePrivileges.in(owner, SCHEMA, ROLE);
        assertThat(granted).as("privileges of %s", ROLE)
                .contains("schema USAGE", "table entry DELETE", "table entry INSERT", "table entry SELECT",
                        "table entry UPDATE", "table journal INSERT", "table journal SELECT", "table outbox UPDATE",
                        "sequence entry_id_seq SELECT", "sequence entry_id_seq USAGE")
                .doesNotContain("table journal UPDATE", "table journal DELETE")
                .noneMatch(privilege -> privilege.contains("flyway_schema_history"));

        owner.execute("GRANT CREATE ON SCHEMA " + SCHEMA + " TO " + ROLE);
        owner.execute("GRANT TRUNCATE, TRIGGER ON " + SCHEMA + ".entry TO " + ROLE);
        owner.execute("GRANT SELECT ON " + SCHEMA + ".journal TO " + ROLE + " WITH GRANT OPTION");
        owner.execute("GRANT UPDATE ON SEQUENCE " + SCHEMA + ".entry_id_seq TO " + ROLE);
        owner.execute("GRANT SELECT ON " + SCHEMA + ".flyway_schema_history TO " + ROLE);
        owner.execute("GRANT UPDATE (amount) ON " + SCHEMA + ".entry TO " + ROLE);
        start();

        assertThat(RolePrivileges.in(owner, SCHEMA, ROLE)).as("after a start with stale privileges")
                .containsExactlyElementsOf(granted);
    }

    @Test
    void aStartThatFindsEverythingInPlaceRunsNoStatement() throws SQLException {
        start();

        try (Connection connection = ownerLogin.getConnection()) {
            assertThat(ApplicationRoleGrants.unlessMigrationsGrant(SCHEMA, ROLE)
                    .apply(connection, "flyway_schema_history")).isEmpty();
        }
    }

    private void start() {
        new ServiceSchemas(application, List.of(SCHEMA), OWNER, List.of(EventingAutoConfiguration.EVENTING_MIGRATIONS))
                .afterPropertiesSet();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
