package dev.carepath.engine.schema;

import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 1 of the Operaton schema: Operaton's tables, created by the schema's owner from the create scripts in
 * Operaton's engine jar, the same set and in the same order as Operaton creates them itself for this engine (history
 * level full, identity, CMMN and DMN enabled: {@code AbstractPersistenceSession#dbSchemaCreate}).
 *
 * <p>It creates the tables of the Operaton on the classpath. An Operaton upgrade that changes them adds the next
 * version, which runs Operaton's shipped upgrade script ({@code org/operaton/bpm/engine/db/upgrade/}) unless
 * {@code ACT_GE_SCHEMA_LOG} shows the tables already at the new version (a database created by this migration from
 * the newer jar). It carries no checksum, since the scripts are Operaton's and change with Operaton, not with this
 * repository.
 */
final class CreateOperatonTables implements JavaMigration {

    static final MigrationVersion VERSION = MigrationVersion.fromVersion("1");

    /** Operaton's components, in the order it creates them. */
    static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine", "case.history",
            "decision.engine", "decision.history");

    @Override
    public MigrationVersion getVersion() {
        return VERSION;
    }

    @Override
    public String getDescription() {
        return "Operaton tables";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        for (String component : COMPONENTS) {
            OperatonScript.create(component).runOn(context.getConnection());
        }
    }
}
