package dev.carepath.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./carepath bench --waiting N}: N cycles run on the bare engine through the model's real steps (the engine's
 * API, every row a real cycle leaves) into the follow-up timer wait, which lasts a titration week of 7 days, so they
 * stay there. Then: bytes per waiting cycle (the engine's tables, measured against the empty schema), the engine's
 * heap after a full GC, and the time to fire and finish {@code fire} of those timers made due at once (their due date
 * set to now; each then ends its cycle at "Next cycle requested", the next cycle not started).
 */
final class WaitingJourneys {

    private WaitingJourneys() {
    }

    static Map<String, Object> run(BareEngine engine, String jdbcUrl, String user, String password, int count,
                                   int fire) throws SQLException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            long emptyBytes = bytes(db);
            long started = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                engine.offer("wait-" + i);
            }
            long waiting = 0;
            long lastReport = 0;
            while (waiting < count) {
                Thread.sleep(1000);
                waiting = single(db, "SELECT count(*) FROM act_ru_job WHERE handler_type_ = 'timer-intermediate-transition'");
                if (System.currentTimeMillis() - lastReport >= 10_000) {
                    lastReport = System.currentTimeMillis();
                    System.out.printf("  [waiting] %4ds  %d of %d cycles wait for their follow-up%n",
                            (lastReport - started) / 1000, waiting, count);
                }
            }
            double createSeconds = (System.currentTimeMillis() - started) / 1000.0;
            engine.stopNextCycles();
            try (Statement statement = db.createStatement()) {
                statement.execute("VACUUM ANALYZE");
            }
            long fullBytes = bytes(db);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            result.put("waitingCycles", count);
            result.put("secondsToCreate", createSeconds);
            result.put("bytesPerWaitingCycle", (fullBytes - emptyBytes) / (double) count);
            result.put("engineBytes", fullBytes - emptyBytes);
            result.put("largestTables", largestTables(db));
            result.put("heapUsedAfterGcBytes", heap);

            int due = Math.min(fire, count);
            long ended = single(db, "SELECT count(*) FROM act_hi_procinst WHERE end_act_id_ = 'EndEvent_NextCycleRequested'");
            long fired = System.currentTimeMillis();
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate("UPDATE act_ru_job SET duedate_ = localtimestamp WHERE id_ IN (SELECT id_ FROM "
                        + "act_ru_job WHERE handler_type_ = 'timer-intermediate-transition' ORDER BY id_ LIMIT " + due + ")");
            }
            long done = 0;
            while (done < due) {
                Thread.sleep(200);
                done = single(db, "SELECT count(*) FROM act_hi_procinst WHERE end_act_id_ = 'EndEvent_NextCycleRequested'")
                        - ended;
                if (System.currentTimeMillis() - lastReport >= 10_000) {
                    lastReport = System.currentTimeMillis();
                    System.out.printf("  [waiting] fired %d timers: %d cycles finished after %ds%n", due, done,
                            (lastReport - fired) / 1000);
                }
            }
            result.put("timersFired", due);
            result.put("secondsToFireAndFinish", (System.currentTimeMillis() - fired) / 1000.0);
        }
        return result;
    }

    /** Bytes of every table of the engine's schema, indexes and TOAST included. */
    private static long bytes(Connection db) throws SQLException {
        return single(db, "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'");
    }

    private static Map<String, Long> largestTables(Connection db) throws SQLException {
        Map<String, Long> tables = new LinkedHashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                        + "c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 2 DESC LIMIT 8")) {
            while (rows.next()) {
                tables.put(rows.getString(1), rows.getLong(2));
            }
        }
        return tables;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
