package dev.carepath.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures both sides are measured by, all from the database the side runs on (as its superuser, read only but
 * for the lock probe): finished cycles and completed external tasks from the engine's history, commits from
 * {@code pg_stat_database}, outbox lag from every schema's {@code outbox}, and CPU from {@code /proc}.
 */
final class Measurements implements AutoCloseable {

    static final String PROCESS_KEY = "patient-journey";
    private static final String CYCLE_ENDS = "('EndEvent_NextCycleRequested', 'EndEvent_ProgrammeCompleted')";
    private static final double TICKS_PER_SECOND = 100.0;

    private final Connection connection;
    private final String schema;

    /**
     * @param schema the schema of the engine's tables ({@code engine} on the platform, {@code public} bare)
     */
    Measurements(String jdbcUrl, String user, String password, String schema) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.connection.setAutoCommit(true);
        this.schema = schema;
    }

    /**
     * The engine keeps no lock time in its history: a trigger records the lock each external task carried when it is
     * deleted (completed), so pickup = (lock expiry - lock duration) - the task's creation in {@code act_hi_ext_task_log}.
     * One insert into {@code bench.ext_task_lock} per task, on both sides alike.
     */
    void installLockProbe() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS bench");
            statement.execute("CREATE TABLE IF NOT EXISTS bench.ext_task_lock "
                    + "(id text PRIMARY KEY, locked_until timestamp, worker text)");
            statement.execute("""
                    CREATE OR REPLACE FUNCTION bench.record_lock() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                    SET search_path = pg_catalog AS $$
                    BEGIN
                      IF OLD.lock_exp_time_ IS NOT NULL THEN
                        INSERT INTO bench.ext_task_lock VALUES (OLD.id_, OLD.lock_exp_time_, OLD.worker_id_)
                          ON CONFLICT (id) DO NOTHING;
                      END IF;
                      RETURN OLD;
                    END $$""");
            statement.execute("DROP TRIGGER IF EXISTS bench_record_lock ON " + schema + ".act_ru_ext_task");
            statement.execute("CREATE TRIGGER bench_record_lock BEFORE DELETE ON " + schema
                    + ".act_ru_ext_task FOR EACH ROW EXECUTE FUNCTION bench.record_lock()");
        }
    }

    long commits() throws SQLException {
        return Sql.single(connection, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    long cyclesEnded(Timestamp from, Timestamp to) throws SQLException {
        return count("SELECT count(*) FROM " + schema + ".act_hi_procinst WHERE proc_def_key_ = '" + PROCESS_KEY
                + "' AND end_act_id_ IN " + CYCLE_ENDS + " AND end_time_ >= ? AND end_time_ < ?", from, to);
    }

    long externalTasksCompleted(Timestamp from, Timestamp to) throws SQLException {
        return count("SELECT count(*) FROM " + schema + ".act_hi_ext_task_log WHERE state_ = 2"
                + " AND timestamp_ >= ? AND timestamp_ < ?", from, to);
    }

    /** Cycles ended so far and journeys whose last cycle ended (the programme completed). */
    long[] progress() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE end_act_id_ = "
                     + "'EndEvent_ProgrammeCompleted') FROM " + schema + ".act_hi_procinst WHERE proc_def_key_ = '"
                     + PROCESS_KEY + "' AND end_act_id_ IN " + CYCLE_ENDS)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /** Business key (journey id) to the end of its last cycle, for every journey whose programme completed. */
    Map<String, Long> journeysCompleted() throws SQLException {
        Map<String, Long> ends = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT business_key_, end_time_ FROM " + schema
                     + ".act_hi_procinst WHERE proc_def_key_ = '" + PROCESS_KEY
                     + "' AND end_act_id_ = 'EndEvent_ProgrammeCompleted'")) {
            while (rows.next()) {
                ends.put(rows.getString(1), rows.getTimestamp(2).getTime());
            }
        }
        return ends;
    }

    /** Per finished cycle: the activities that make the model's shape, counted from history. */
    Map<String, Double> shape() throws SQLException {
        Map<String, Double> shape = new LinkedHashMap<>();
        String sql = "SELECT count(DISTINCT p.id_), "
                + "count(*) FILTER (WHERE a.act_type_ = 'serviceTask'), "
                + "count(*) FILTER (WHERE a.act_type_ = 'businessRuleTask'), "
                + "count(*) FILTER (WHERE a.act_type_ = 'receiveTask'), "
                + "count(*) FILTER (WHERE a.act_type_ = 'intermediateTimer') "
                + "FROM " + schema + ".act_hi_procinst p JOIN " + schema + ".act_hi_actinst a ON a.proc_inst_id_ = p.id_ "
                + "WHERE p.proc_def_key_ = '" + PROCESS_KEY + "' AND p.end_act_id_ IN " + CYCLE_ENDS;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            double cycles = Math.max(1, rows.getLong(1));
            shape.put("cycles", (double) rows.getLong(1));
            shape.put("externalTasks", rows.getLong(2) / cycles);
            shape.put("businessRuleTasks", rows.getLong(3) / cycles);
            shape.put("messageWaits", rows.getLong(4) / cycles);
            shape.put("timers", rows.getLong(5) / cycles);
        }
        return shape;
    }

    /** Created to locked per external task created in the window (milliseconds). */
    List<Long> pickupMillis(Timestamp from, Timestamp to, long lockDurationMillis) throws SQLException {
        String sql = "SELECT (extract(epoch FROM l.locked_until - c.timestamp_) * 1000)::bigint - ? FROM "
                + schema + ".act_hi_ext_task_log c JOIN bench.ext_task_lock l ON l.id = c.ext_task_id_ "
                + "WHERE c.state_ = 0 AND c.timestamp_ >= ? AND c.timestamp_ < ?";
        List<Long> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, lockDurationMillis);
            statement.setTimestamp(2, from);
            statement.setTimestamp(3, to);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
        }
        return values;
    }

    /** Created to published per outbox row of any schema created in the window (milliseconds). */
    List<Long> outboxLagMillis(Timestamp from, Timestamp to) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_schema FROM information_schema.tables "
                     + "WHERE table_name = 'outbox' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            while (rows.next()) {
                tables.add(rows.getString(1) + ".outbox");
            }
        }
        List<Long> values = new ArrayList<>();
        for (String table : tables) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT (extract(epoch FROM published_at"
                    + " - created_at) * 1000)::bigint FROM " + table + " WHERE published_at IS NOT NULL"
                    + " AND created_at >= ? AND created_at < ?")) {
                statement.setTimestamp(1, from);
                statement.setTimestamp(2, to);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        values.add(rows.getLong(1));
                    }
                }
            }
        }
        return values;
    }

    /** The process ids of this database's PostgreSQL backends (the platform's and the side's pools). */
    List<Long> backendPids() throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND pid <> pg_backend_pid()")) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
            }
        }
        return pids;
    }

    private long count(String sql, Timestamp from, Timestamp to) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, from);
            statement.setTimestamp(2, to);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    // ---- CPU, from /proc (Linux)

    /** CPU ticks (user + system) a process has spent, or -1 when it is gone. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU ticks the whole machine has spent (not idle, not waiting for I/O). */
    static long machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The pids of processes whose command name is {@code comm} (e.g. RabbitMQ's {@code beam.smp}). */
    static List<Long> pidsNamed(String comm) {
        List<Long> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals(comm)) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException ignored) {
                    // gone meanwhile
                }
            });
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }
}
