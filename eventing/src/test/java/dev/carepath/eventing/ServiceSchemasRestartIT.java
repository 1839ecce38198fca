package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.carepath.tenancy.ServiceSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A deployable that starts again beside running copies of itself (a job-worker restarted after a crash, a scale-up)
 * migrates its schemas while the running nodes' transactions hold locks on the schemas' tables. Its migration finds
 * nothing to do, and must then take no lock that waits for those transactions: the cluster run found a restarted
 * job-worker ended by a deadlock in {@code dev.carepath.tenancy.RowLevelSecurity}, which re-ran
 * {@code ALTER TABLE ... ROW LEVEL SECURITY} on every table at every start. On the local stack's test database, as
 * the eventing ITs' login.
 */
class ServiceSchemasRestartIT {

    private static final String SCHEMA = "restart_it";
    private static final String URL = "jdbc:postgresql://" + env("CAREPATH_PGHOST", "127.0.0.1") + ":"
            + env("CAREPATH_PGPORT", "5432") + "/" + env("CAREPATH_TEST_DB", "carepath_test");
    private static final String LOGIN = "carepath_workers";
    private static final String PASSWORD = env("CAREPATH_WORKERS_DB_PASSWORD", "carepath_workers");

    /** The starting node's connections: a lock it would wait for fails it after 2 s instead of blocking the test. */
    private final DriverManagerDataSource startingNode =
            new DriverManagerDataSource(URL + "?options=-c%20lock_timeout%3D2000", LOGIN, PASSWORD);
    private final DriverManagerDataSource runningNode = new DriverManagerDataSource(URL, LOGIN, PASSWORD);

    @BeforeEach
    void aFirstNodeMigratedTheSchema() {
        new JdbcTemplate(runningNode).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        newServiceSchemas().afterPropertiesSet();
    }

    @Test
    void aNodeStartingAgainWhileAnotherWritesWaitsForNoLockAndLeavesTheTablesProtected() throws SQLException {
        try (Connection running = runningNode.getConnection(); Statement sql = running.createStatement()) {
            running.setAutoCommit(false);
            // What a running node's open transaction holds on the tables it writes: ROW EXCLUSIVE on each.
            sql.execute("LOCK TABLE " + SCHEMA + ".outbox, " + SCHEMA + ".processed_event IN ROW EXCLUSIVE MODE");

            assertThatCode(() -> newServiceSchemas().afterPropertiesSet())
                    .as("the second start, while the first node's transaction is open")
                    .doesNotThrowAnyException();
            running.rollback();
        }

        assertThat(new JdbcTemplate(runningNode).queryForList("""
                SELECT c.relname || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity || ' '
                       || EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname
                                  AND p.tablename = c.relname AND p.policyname = 'tenant_isolation')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname IN ('outbox', 'processed_event') ORDER BY c.relname""",
                String.class, SCHEMA))
                .as("table, row-level security enabled, forced, tenant policy")
                .containsExactly("outbox true true true", "processed_event true true true");
    }

    /** The deployables' service schemas as eventing wires them: the outbox and processed-event tables in each. */
    private ServiceSchemas newServiceSchemas() {
        return new ServiceSchemas(startingNode, List.of(SCHEMA), null,
                List.of(EventingAutoConfiguration.EVENTING_MIGRATIONS));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
