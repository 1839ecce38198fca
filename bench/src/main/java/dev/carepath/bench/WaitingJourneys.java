package dev.carepath.bench;

import static dev.carepath.bench.Sql.execute;
import static dev.carepath.bench.Sql.single;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./carepath bench --waiting N}: N cycles waiting in the follow-up timer (a titration week of 7 days, so they
 * stay there) on the bare engine. The first {@code templates} of them run through the model's real steps on the
 * engine's API; the rest are copies of those in SQL ({@link WaitingCycleCopies}, the fast path: the engine's API
 * makes tens of cycles a second). Then it reports:
 * <ul>
 *   <li>bytes per waiting cycle: every table of the engine's schema (runtime and history, indexes and TOAST
 *       included) against the empty schema, and the runtime tables alone;</li>
 *   <li>the engine's heap after a full GC, once the templates wait and again with all N waiting;</li>
 *   <li>what one job acquisition costs with N timers not yet due (the engine's acquisition query, run by hand),
 *       and how late {@code fire-few} timers run, fewer than the job executor takes at once, made due after the
 *       executor has idled (against its acquisition back-off, 5 s): first on Operaton's tables as its scripts make
 *       them, then with the index on the jobs' due dates that the platform's engine schema adds;</li>
 *   <li>with that index, {@code fire} timers made due at once: the time to fire them and finish their cycles (each
 *       ends at "Next cycle requested", the next cycle not started) and how late each ran (its success in the job
 *       log against its due date, with history {@code full}), then {@code fire-few} more after the executor idled.</li>
 * </ul>
 */
final class WaitingJourneys {

    /** The platform's idle back-off of job acquisition ({@code operaton.bpm.job-execution.max-wait}). */
    static final long ACQUISITION_MAX_WAIT_MILLIS = 5_000;
    /** The index the platform's engine schema adds (engine {@code JobDueDateIndex}), measured without and with. */
    static final String DUE_DATE_INDEX = "carepath_idx_job_duedate";

    private WaitingJourneys() {
    }

    static Map<String, Object> run(BareEngine engine, String jdbcUrl, String user, String password, long count,
                                   long templateCount, boolean runtimeOnly, boolean reuse, int fire, int fireFew)
            throws SQLException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            // Reusing a database that already holds the cycles (--keep-database): its waiting cycles are measured,
            // bytes against nothing, not the empty schema (a few MB: a few bytes a cycle at a million).
            long emptyBytes = reuse ? 0 : bytes(db, "act\\_%");
            long emptyRuntimeBytes = reuse ? 0 : bytes(db, "act\\_ru\\_%");
            long emptyHistoryBytes = reuse ? 0 : bytes(db, "act\\_hi\\_%");
            if (reuse) {
                count = waitingTimers(db);
                engine.stopNextCycles();
                result.put("waitingCycles", count);
                result.put("reusedDatabase", true);
            } else {
                result.putAll(create(engine, db, jdbcUrl, user, password, count, templateCount, runtimeOnly));
            }
            execute(db, "VACUUM ANALYZE");
            execute(db, "DROP INDEX IF EXISTS " + DUE_DATE_INDEX);
            long engineBytes = bytes(db, "act\\_%") - emptyBytes;
            long runtimeBytes = bytes(db, "act\\_ru\\_%") - emptyRuntimeBytes;
            result.put("bytesPerWaitingCycle", engineBytes / (double) count);
            result.put("runtimeBytesPerWaitingCycle", runtimeBytes / (double) count);
            result.put("historyBytesPerWaitingCycle", (bytes(db, "act\\_hi\\_%") - emptyHistoryBytes) / (double) count);
            result.put("engineBytes", engineBytes);
            result.put("largestTables", largestTables(db));
            result.put("heapUsedAfterGcBytes", heapAfterGc());

            // Operaton's tables as its scripts make them: no index on the jobs' due dates.
            result.put("acquisitionQueryMillis", acquisitionQueryMillis(db));
            int few = (int) Math.min(fireFew, count);
            if (few > 0) {
                Thread.sleep(2 * ACQUISITION_MAX_WAIT_MILLIS);
                result.put("fewTimersFired", few);
                result.putAll(prefix("few", fireAtOnce(db, few)));
                result.put("acquisitionMaxWaitMillis", ACQUISITION_MAX_WAIT_MILLIS);
            }
            // The platform's engine schema: the due date index of its version 2 (engine JobDueDateIndex).
            long indexStarted = System.currentTimeMillis();
            execute(db, "CREATE INDEX " + DUE_DATE_INDEX + " ON act_ru_job (duedate_)");
            execute(db, "ANALYZE act_ru_job");
            result.put("dueDateIndexSecondsToBuild", (System.currentTimeMillis() - indexStarted) / 1000.0);
            result.put("dueDateIndexBytesPerWaitingCycle", single(db, "SELECT pg_relation_size('" + DUE_DATE_INDEX
                    + "')") / (double) count);
            result.put("indexAcquisitionQueryMillis", acquisitionQueryMillis(db));
            int due = (int) Math.min(fire, count - few);
            result.put("timersFired", due);
            result.putAll(prefix("indexFire", fireAtOnce(db, due)));
            few = (int) Math.min(fireFew, count - few - due);
            if (few > 0) {
                Thread.sleep(2 * ACQUISITION_MAX_WAIT_MILLIS);
                result.putAll(prefix("indexFew", fireAtOnce(db, few)));
            }
            result.put("heapUsedAfterGcAfterFiringBytes", heapAfterGc());
        }
        return result;
    }

    /** The cycles: the templates through the engine's API, then the copies. */
    private static Map<String, Object> create(BareEngine engine, Connection db, String jdbcUrl, String user,
                                              String password, long count, long templateCount, boolean runtimeOnly)
            throws SQLException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        long templates = Math.min(count, templateCount);
        long started = System.currentTimeMillis();
        for (long i = 0; i < templates; i++) {
            engine.offer("wait-" + i);
        }
        long waiting = 0;
        long lastReport = 0;
        while (waiting < templates) {
            Thread.sleep(1000);
            waiting = waitingTimers(db);
            if (System.currentTimeMillis() - lastReport >= 10_000) {
                lastReport = System.currentTimeMillis();
                System.out.printf("  [waiting] %4ds  %d of %d cycles wait for their follow-up (engine API)%n",
                        (lastReport - started) / 1000, waiting, templates);
            }
        }
        engine.stopNextCycles();
        result.put("waitingCycles", count);
        result.put("cyclesThroughTheEngineApi", templates);
        result.put("secondsThroughTheEngineApi", (System.currentTimeMillis() - started) / 1000.0);
        result.put("heapUsedAfterGcWithTemplatesBytes", heapAfterGc());
        if (count > templates) {
            long copyStarted = System.currentTimeMillis();
            try (Connection copier = DriverManager.getConnection(jdbcUrl, user, password);
                 Connection second = DriverManager.getConnection(jdbcUrl, user, password)) {
                WaitingCycleCopies copies = WaitingCycleCopies.prepare(copier, runtimeOnly);
                long[] reported = {System.currentTimeMillis()};
                copies.copy(count - templates, List.of(copier, second), copied -> {
                    synchronized (reported) {
                        long now = System.currentTimeMillis();
                        if (now - reported[0] >= 10_000 || copied == count - templates) {
                            reported[0] = now;
                            double seconds = (now - copyStarted) / 1000.0;
                            System.out.printf("  [waiting] %4.0fs  %d of %d cycles copied (%.0f/s)%n", seconds,
                                    copied, count - templates, copied / seconds);
                        }
                    }
                });
                copies.drop();
                Map<String, Object> tables = new LinkedHashMap<>();
                copies.tables().forEach(table -> tables.put(table.name(), Map.of("rowsPerCycle",
                        table.templateRows() / (double) copies.templates(), "idColumns", table.rewritten())));
                result.put("copiedTables", tables);
            }
            result.put("cyclesCopied", count - templates);
            result.put("copiesCarry", runtimeOnly ? "runtime rows" : "runtime and history rows");
            result.put("secondsToCopy", (System.currentTimeMillis() - copyStarted) / 1000.0);
            waiting = waitingTimers(db);
            if (waiting != count) {
                throw new IllegalStateException(waiting + " cycles wait after the copy, not " + count);
            }
        }
        return result;
    }

    /**
     * Makes {@code due} waiting timers due now (the JVM's clock, as the engine's), waits until their cycles have
     * ended, and reads from the job log how late each ran.
     */
    private static Map<String, Object> fireAtOnce(Connection db, int due) throws SQLException, InterruptedException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        execute(db, "DROP TABLE IF EXISTS bench_fired");
        execute(db, "CREATE TEMP TABLE bench_fired AS SELECT id_, process_instance_id_ FROM act_ru_job WHERE "
                + "handler_type_ = 'timer-intermediate-transition' AND duedate_ > localtimestamp + interval '1 day' "
                + "ORDER BY id_ LIMIT " + due);
        long fired = System.currentTimeMillis();
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE act_ru_job SET duedate_ = ? WHERE id_ IN (SELECT id_ FROM bench_fired)")) {
            update.setTimestamp(1, now);
            update.executeUpdate();
        }
        long left = due;
        long lastReport = fired;
        while (left > 0) {
            Thread.sleep(100);
            left = single(db, "SELECT count(*) FROM bench_fired f JOIN act_ru_execution e ON e.id_ = "
                    + "f.process_instance_id_");
            if (System.currentTimeMillis() - lastReport >= 10_000) {
                lastReport = System.currentTimeMillis();
                System.out.printf("  [waiting] fired %d timers: %d cycles finished after %ds%n", due, due - left,
                        (lastReport - fired) / 1000);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        double seconds = (System.currentTimeMillis() - fired) / 1000.0;
        result.put("secondsToFireAndFinish", seconds);
        result.put("cyclesFinishedPerSecond", due / seconds);
        List<Double> lateness = new ArrayList<>();
        try (PreparedStatement late = db.prepareStatement("SELECT extract(epoch FROM (l.timestamp_ - l.job_duedate_)) "
                + "* 1000 FROM act_hi_job_log l JOIN bench_fired f ON f.id_ = l.job_id_ WHERE l.job_state_ = 2")) {
            try (ResultSet rows = late.executeQuery()) {
                while (rows.next()) {
                    lateness.add(rows.getDouble(1));
                }
            }
        }
        if (!lateness.isEmpty()) {
            Percentiles percentiles = new Percentiles(lateness);
            result.put("lateMillisP50", percentiles.at(50));
            result.put("lateMillisP99", percentiles.at(99));
            result.put("lateMillisMax", percentiles.at(100));
        }
        return result;
    }

    /**
     * Median execution time of the engine's job acquisition query (Operaton's selectNextJobsToExecute as the default
     * job executor runs it: no ordering, three jobs) over 5 runs, with every waiting timer not yet due.
     */
    private static double acquisitionQueryMillis(Connection db) throws SQLException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                    "EXPLAIN ANALYZE SELECT res.id_, res.rev_, res.duedate_, res.process_instance_id_, res.exclusive_ "
                            + "FROM act_ru_job res WHERE res.retries_ > 0 AND (res.duedate_ IS NULL OR res.duedate_ <= "
                            + "localtimestamp) AND (res.lock_owner_ IS NULL OR res.lock_exp_time_ < localtimestamp) "
                            + "AND res.suspension_state_ = 1 AND ((res.exclusive_ = true AND NOT EXISTS (SELECT j2.id_ "
                            + "FROM act_ru_job j2 WHERE j2.process_instance_id_ = res.process_instance_id_ AND "
                            + "j2.exclusive_ = true AND j2.lock_owner_ IS NOT NULL AND j2.lock_exp_time_ >= "
                            + "localtimestamp)) OR res.exclusive_ = false) LIMIT 3")) {
                while (rows.next()) {
                    String line = rows.getString(1);
                    if (line.startsWith("Execution Time:")) {
                        times.add(Double.parseDouble(line.replaceAll("[^0-9.]", "")));
                    }
                }
            }
        }
        return new Percentiles(times).at(50);
    }

    private static long waitingTimers(Connection db) throws SQLException {
        return single(db, "SELECT count(*) FROM act_ru_job WHERE handler_type_ = 'timer-intermediate-transition'");
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Map<String, Object> prefix(String prefix, Map<String, Object> values) {
        Map<String, Object> prefixed = new LinkedHashMap<>();
        values.forEach((key, value) -> prefixed.put(prefix + Character.toUpperCase(key.charAt(0)) + key.substring(1),
                value));
        return prefixed;
    }

    /** Bytes of the engine's tables whose names match {@code pattern} (LIKE), indexes and TOAST included. */
    private static long bytes(Connection db, String pattern) throws SQLException {
        return single(db, "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' AND c.relname LIKE '"
                + pattern + "'");
    }

    private static Map<String, Long> largestTables(Connection db) throws SQLException {
        Map<String, Long> tables = new LinkedHashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                        + "c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 2 DESC LIMIT 10")) {
            while (rows.next()) {
                tables.put(rows.getString(1), rows.getLong(2));
            }
        }
        return tables;
    }
}
