package dev.carepath.engine.schema;

import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 2 of the Operaton schema: an index on the jobs' due dates, which Operaton's scripts do not create. Every
 * engine node's job executor asks for the jobs due now ({@code DUEDATE_ is null or DUEDATE_ <= now}) every 0.5 to
 * 5 s, and every cycle waiting in a timer is a job that is not due. Without the index each ask reads the whole job
 * table: with a million cycles waiting, 454 ms of a PostgreSQL core a query; with it, 0.02 ms, for 7 bytes per waiting
 * cycle (PostgreSQL 15 on 2 cores, measured by {@code ./carepath bench --waiting 1000000}, docs/bench/waiting.md).
 * Named {@code carepath_}, so no Operaton upgrade script meets it.
 */
final class JobDueDateIndex implements JavaMigration {

    static final MigrationVersion VERSION = MigrationVersion.fromVersion("2");

    @Override
    public MigrationVersion getVersion() {
        return VERSION;
    }

    @Override
    public String getDescription() {
        return "job due date index";
    }

    @Override
    public Integer getChecksum() {
        return 2;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        // Operaton's tables are unqualified in its scripts too: the migration's connection has the schema as current.
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS carepath_idx_job_duedate ON act_ru_job (duedate_)");
        }
    }
}
