package dev.carepath.bench;

import static dev.carepath.bench.Sql.execute;
import static dev.carepath.bench.Sql.single;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The waiting bench's fast path against a real engine on the local PostgreSQL (a database of its own, recreated):
 * three cycles wait through the engine's API, seven more are copied from them in SQL, and every copy behaves as a
 * cycle the engine made itself: it waits, its timer fires when due, and its cycle runs to its end, writing the end
 * into the copied history rows (which it finds only if the copied ids are consistent).
 */
class WaitingCycleCopiesIT {

    private static final String HOST = env("CAREPATH_PGHOST", "127.0.0.1") + ":" + env("CAREPATH_PGPORT", "5432");
    private static final String ADMIN = env("CAREPATH_PGADMIN", "postgres");
    private static final String DATABASE = env("CAREPATH_TEST_DB", "carepath_test") + "_copies";
    private static final String URL = "jdbc:postgresql://" + HOST + "/" + DATABASE;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        admin("CREATE DATABASE " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void copiesWaitFireAndFinishTheirCyclesAsTheTemplatesDo() throws Exception {
        try (BareEngine engine = new BareEngine(URL, ADMIN, "", 8, Duration.ofDays(7), 2, 10, 20_000, 2, "full",
                Map.of()); Connection db = DriverManager.getConnection(URL, ADMIN, "")) {
            for (int i = 0; i < 3; i++) {
                engine.offer("copies-" + i);
            }
            awaitCount(db, "SELECT count(*) FROM act_ru_job WHERE handler_type_ = 'timer-intermediate-transition'", 3);
            engine.stopNextCycles();
            long historyRowsOfTemplates = single(db, "SELECT count(*) FROM act_hi_actinst");
            // Seven copies of three templates: two of each, and one more of the first (by process instance id).
            long historyRowsOfFirst = single(db, "SELECT count(*) FROM act_hi_actinst WHERE proc_inst_id_ = "
                    + "(SELECT min(process_instance_id_) FROM act_ru_job)");

            try (Connection copier = DriverManager.getConnection(URL, ADMIN, "");
                 Connection second = DriverManager.getConnection(URL, ADMIN, "")) {
                WaitingCycleCopies copies = WaitingCycleCopies.prepare(copier, false);
                assertThat(copies.templates()).isEqualTo(3);
                List<Long> progress = new ArrayList<>();
                copies.copy(7, List.of(copier, second), copied -> {
                    synchronized (progress) {
                        progress.add(copied);
                    }
                });
                copies.drop();
                assertThat(progress).contains(7L);
            }

            assertThat(single(db, "SELECT count(*) FROM act_ru_job WHERE handler_type_ = "
                    + "'timer-intermediate-transition'")).as("cycles waiting").isEqualTo(10);
            assertThat(single(db, "SELECT count(*) FROM act_ru_execution WHERE id_ = proc_inst_id_"))
                    .as("process instances").isEqualTo(10);
            assertThat(single(db, "SELECT count(DISTINCT var_scope_) FROM act_ru_variable"))
                    .as("variable scopes, one per cycle").isEqualTo(10);
            assertThat(single(db, "SELECT count(*) FROM act_hi_actinst"))
                    .as("history rows, the templates' and their copies'")
                    .isEqualTo(3 * historyRowsOfTemplates + historyRowsOfFirst);
            assertThat(single(db, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'tpl\\_%'"))
                    .as("staged templates dropped").isZero();

            execute(db, "UPDATE act_ru_job SET duedate_ = localtimestamp - interval '1 second' "
                    + "WHERE handler_type_ = 'timer-intermediate-transition'");
            awaitCount(db, "SELECT count(*) FROM act_hi_procinst WHERE end_act_id_ = 'EndEvent_NextCycleRequested'",
                    10);
            assertThat(single(db, "SELECT count(*) FROM act_ru_execution")).as("executions left").isZero();
            assertThat(single(db, "SELECT count(*) FROM act_ru_incident")).as("incidents").isZero();
        }
    }

    /** Waits up to 120 s for {@code sql} to count {@code expected}, and fails if it counts more. */
    private static void awaitCount(Connection db, String sql, long expected) throws SQLException {
        await(sql).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> single(db, sql), found -> found >= expected);
        assertThat(single(db, sql)).as(sql).isEqualTo(expected);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", ADMIN, "")) {
            execute(db, sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
