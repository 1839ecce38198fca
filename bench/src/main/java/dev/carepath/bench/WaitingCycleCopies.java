package dev.carepath.bench;

import static dev.carepath.bench.Sql.execute;
import static dev.carepath.bench.Sql.single;
import static dev.carepath.bench.Sql.strings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * The waiting bench's fast path to a million: the engine's API puts a few thousand cycles into the follow-up wait at
 * about the bare engine's speed (tens per second, so a million would take most of a day); this copies their rows, in
 * SQL, into as many more as asked. Every copy is a row-for-row twin of its template cycle, runtime and history alike,
 * so it waits, fires and finishes as the template would, with ids of its own.
 *
 * <ul>
 *   <li><b>Which rows.</b> Every row of the engine's schema that belongs to a template process instance: the tables
 *       with a {@code root_proc_inst_id_}, {@code proc_inst_id_} or {@code process_instance_id_} column, the first
 *       of them that is set naming the owner. Definitions, deployments and job definitions are shared, as they are
 *       between real cycles.</li>
 *   <li><b>Which columns get new ids.</b> Found from the data, not listed: a column is rewritten when any of its
 *       template values is the {@code id_} of an owned row (an execution, an activity instance {@code act:uuid}, a
 *       variable, a job ...). Anything else (definition ids, activity ids, values, dates) is copied as is.</li>
 *   <li><b>The new id.</b> The id's trailing UUID becomes {@code md5(uuid/copy)} as a UUID, the same function in
 *       every column, so references between the copied rows stay consistent; the prefix of an activity-instance id
 *       is kept. The engine must use UUID ids (the platform's generator); the copy refuses numeric ones.</li>
 * </ul>
 * The copies go in with every index in place, in transactions of about 20,000 cycles, on two connections at once.
 */
final class WaitingCycleCopies {

    private static final String UUID_AT_END = "'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";
    private static final List<String> OWNER_COLUMNS = List.of("root_proc_inst_id_", "proc_inst_id_",
            "process_instance_id_");
    private static final int CYCLES_PER_TRANSACTION = 20_000;

    /** An engine table with rows of the template cycles, staged in a temporary table {@code tpl_<name>}. */
    record Table(String name, List<String> columns, List<String> rewritten, long templateRows) {
    }

    private final Connection db;
    private final long templates;
    private final List<Table> tables;

    private WaitingCycleCopies(Connection db, long templates, List<Table> tables) {
        this.db = db;
        this.templates = templates;
        this.tables = tables;
    }

    /**
     * Stages the rows of every cycle waiting for its follow-up timer (the templates) and finds the columns that hold
     * their ids, in unlogged tables {@code tpl_*} that {@link #drop()} removes. With {@code runtimeOnly} the
     * copies get the runtime rows only ({@code act_ru_*}: what waits, and what the job executor reads), not the
     * history of the steps before the wait, which is written once per step and read by nothing the wait or the timer
     * does; the ids are still found from both, so a copy's activity instances are its own.
     */
    static WaitingCycleCopies prepare(Connection db, boolean runtimeOnly) throws SQLException {
        db.setAutoCommit(true);
        execute(db, "CREATE UNLOGGED TABLE tpl_owner AS SELECT process_instance_id_ AS id, row_number() OVER "
                + "(ORDER BY process_instance_id_) AS ord FROM act_ru_job WHERE handler_type_ = "
                + "'timer-intermediate-transition'");
        execute(db, "CREATE UNIQUE INDEX ON tpl_owner (id)");
        long templates = single(db, "SELECT count(*) FROM tpl_owner");
        List<String[]> staged = new ArrayList<>();
        for (String table : strings(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "current_schema() AND table_type = 'BASE TABLE' AND table_name LIKE 'act\\_%' ORDER BY 1")) {
            List<String> columns = strings(db, "SELECT column_name FROM information_schema.columns WHERE table_schema "
                    + "= current_schema() AND table_name = '" + table + "' ORDER BY ordinal_position");
            List<String> owners = OWNER_COLUMNS.stream().filter(columns::contains).map(c -> "t." + c).toList();
            if (owners.isEmpty()) {
                continue;
            }
            String owner = owners.size() == 1 ? owners.get(0) : "coalesce(" + String.join(", ", owners) + ")";
            execute(db, "CREATE UNLOGGED TABLE tpl_" + table + " AS SELECT t.*, o.ord AS tpl_ord FROM " + table
                    + " t JOIN tpl_owner o ON o.id = " + owner);
            if (single(db, "SELECT count(*) FROM tpl_" + table) > 0) {
                staged.add(new String[] {table});
            }
        }
        execute(db, "CREATE UNLOGGED TABLE tpl_ids (v text PRIMARY KEY)");
        for (String[] table : staged) {
            execute(db, "INSERT INTO tpl_ids SELECT id_ FROM tpl_" + table[0] + " WHERE id_ IS NOT NULL "
                    + "ON CONFLICT DO NOTHING");
        }
        long notUuid = single(db, "SELECT count(*) FROM tpl_ids WHERE v !~ " + UUID_AT_END);
        if (notUuid > 0) {
            throw new IllegalStateException(notUuid + " ids of the template cycles end in no UUID: the copy needs the "
                    + "engine's UUID ids (StrongUuidGenerator)");
        }
        List<Table> tables = new ArrayList<>();
        for (String[] staging : staged) {
            String table = staging[0];
            List<String> columns = strings(db, "SELECT column_name FROM information_schema.columns WHERE table_schema "
                    + "= current_schema() AND table_name = '" + table + "' ORDER BY ordinal_position");
            List<String> rewritten = new ArrayList<>();
            for (String column : strings(db, "SELECT column_name FROM information_schema.columns WHERE table_schema "
                    + "= current_schema() AND table_name = '" + table + "' AND data_type IN ('character varying', "
                    + "'text') ORDER BY ordinal_position")) {
                if (single(db, "SELECT count(*) FROM (SELECT 1 FROM tpl_" + table + " s JOIN tpl_ids i ON i.v = s."
                        + column + " LIMIT 1) found") > 0) {
                    rewritten.add(column);
                }
            }
            if (!runtimeOnly || table.startsWith("act_ru_")) {
                tables.add(new Table(table, columns, rewritten, single(db, "SELECT count(*) FROM tpl_" + table)));
            }
        }
        return new WaitingCycleCopies(db, templates, referencedFirst(db, tables));
    }

    /** The tables in an order that inserts a row's foreign-key targets before it (executions before variables). */
    private static List<Table> referencedFirst(Connection db, List<Table> tables) throws SQLException {
        Map<String, Set<String>> references = new HashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' "
                        + "AND conrelid <> confrelid")) {
            while (rows.next()) {
                references.computeIfAbsent(rows.getString(1), t -> new HashSet<>()).add(rows.getString(2));
            }
        }
        List<Table> ordered = new ArrayList<>();
        List<Table> left = new ArrayList<>(tables);
        while (!left.isEmpty()) {
            Set<String> pending = left.stream().map(Table::name).collect(Collectors.toSet());
            List<Table> ready = left.stream().filter(table -> references.getOrDefault(table.name(), Set.of()).stream()
                    .noneMatch(pending::contains)).toList();
            if (ready.isEmpty()) {
                throw new IllegalStateException("the engine's tables reference each other in a cycle: " + pending);
            }
            ordered.addAll(ready);
            left.removeAll(ready);
        }
        return ordered;
    }

    long templates() {
        return templates;
    }

    List<Table> tables() {
        return tables;
    }

    /**
     * Adds {@code cycles} copies of the templates (whole rounds of every template, then the first templates once
     * more for the rest), on each of {@code connections} at once, committing every {@value #CYCLES_PER_TRANSACTION}
     * cycles or so; {@code progress} hears the count copied so far after each commit. The copies' foreign keys are
     * not checked again (each connection runs as a replica, {@code session_replication_role}): every reference of a
     * copied row is to a row of the same copy or to a shared definition, by construction, and the templates' rows
     * passed those checks when the engine wrote them.
     */
    void copy(long cycles, List<Connection> connections, LongConsumer progress) throws SQLException,
            InterruptedException {
        long rounds = cycles / templates;
        long rest = cycles % templates;
        long lastRound = rounds + (rest > 0 ? 1 : 0);
        long roundsPerTransaction = Math.max(1, CYCLES_PER_TRANSACTION / templates);
        AtomicLong nextRound = new AtomicLong(1);
        AtomicLong copied = new AtomicLong();
        ExecutorService copiers = Executors.newFixedThreadPool(connections.size());
        List<Future<Void>> done = new ArrayList<>();
        for (Connection connection : connections) {
            done.add(copiers.submit(() -> {
                execute(connection, "SET session_replication_role = replica");
                connection.setAutoCommit(false);
                try {
                    long from;
                    while ((from = nextRound.getAndAdd(roundsPerTransaction)) <= lastRound) {
                        long to = Math.min(lastRound, from + roundsPerTransaction - 1);
                        for (Table table : tables) {
                            execute(connection, insert(table, from, to, rounds, rest));
                        }
                        connection.commit();
                        long cyclesNow = (Math.min(to, rounds) - from + 1) * templates + (to > rounds ? rest : 0);
                        progress.accept(copied.addAndGet(cyclesNow));
                    }
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                    execute(connection, "SET session_replication_role = origin");
                }
                return null;
            }));
        }
        copiers.shutdown();
        try {
            for (Future<Void> copier : done) {
                copier.get();
            }
        } catch (ExecutionException e) {
            copiers.shutdownNow();
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("a copy failed", e.getCause());
        }
    }

    /** Drops the staged templates. */
    void drop() throws SQLException {
        for (String table : strings(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "current_schema() AND table_name LIKE 'tpl\\_%'")) {
            execute(db, "DROP TABLE " + table);
        }
    }

    /** Copies {@code from..to} of one table; a round past {@code rounds} takes the first {@code rest} templates. */
    static String insert(Table table, long from, long to, long rounds, long rest) {
        String values = table.columns().stream()
                .map(column -> table.rewritten().contains(column) ? newId(column) : "s." + column)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columns()) + ") SELECT " + values
                + " FROM tpl_" + table.name() + " s CROSS JOIN generate_series(" + from + ", " + to + ") AS cp(n)"
                + " WHERE cp.n <= " + rounds + " OR s.tpl_ord <= " + rest;
    }

    /** The copy's id: the trailing UUID replaced by md5(uuid/copy) as a UUID, a prefix ({@code act:}) kept. */
    private static String newId(String column) {
        String value = "s." + column;
        return "CASE WHEN " + value + " ~ " + UUID_AT_END + " THEN left(" + value + ", length(" + value + ") - 36) || "
                + "md5(right(" + value + ", 36) || '/' || cp.n)::uuid::text ELSE " + value + " END";
    }
}
