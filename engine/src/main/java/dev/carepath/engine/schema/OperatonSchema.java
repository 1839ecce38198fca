package dev.carepath.engine.schema;

import dev.carepath.tenancy.ApplicationRoleGrants;
import dev.carepath.tenancy.SchemaNames;
import dev.carepath.tenancy.SchemaOwner;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brings Operaton's schema up to date, as the schema's owner, before the process engine initialises (this plugin's
 * {@code preInit} runs first in the engine's build, before Operaton checks its tables): a Flyway history of its own in
 * the schema, whose migrations run Operaton's shipped scripts ({@link CreateOperatonTables}) and add what the platform
 * needs beyond them ({@link JobDueDateIndex}), then the application
 * role's privileges ({@link ApplicationRoleGrants#onEveryTable}: on each table {@code SELECT, INSERT, UPDATE, DELETE},
 * nothing else). The engine itself runs with {@code schema-update: false} as the application role.
 *
 * <p>A schema whose tables Operaton created itself (the engine ran as the owner with {@code schema-update: true}
 * before) has no history yet: it is adopted, its history starting with a baseline at version 1 instead of creating
 * the tables again.
 *
 * <p>Engine nodes of a cluster start on one database: each migrates under the owner's lock on the schema
 * ({@link SchemaOwner#exclusively}), so the second finds the first's work done, grants included.
 */
final class OperatonSchema extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(OperatonSchema.class);

    /** A table every Operaton schema has, so its presence tells that Operaton created the tables. */
    private static final String OPERATON_TABLE = "act_ge_property";

    private final DataSource application;
    private final String schema;
    private final SchemaOwner.Login owner;
    private final EngineStartLock startLock;

    /**
     * @param application the engine's data source (its login is the application role)
     * @param schema      Operaton's schema ({@code operaton.bpm.database.schema-name})
     * @param owner       the schema owner's login ({@code carepath.events.migration}); unset: the data source's own
     */
    OperatonSchema(DataSource application, String schema, SchemaOwner.Login owner) {
        this(application, schema, owner, null);
    }

    /** @param startLock held from here until the application is ready ({@link EngineStartLock}); null: none */
    OperatonSchema(DataSource application, String schema, SchemaOwner.Login owner,
            EngineStartLock startLock) {
        this.application = application;
        this.schema = SchemaNames.checked(schema);
        this.owner = owner;
        this.startLock = startLock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (startLock != null) {
            startLock.acquire();
        }
        migrate();
    }

    void migrate() {
        SchemaOwner migrating = SchemaOwner.of(application, owner);
        var configuration = Flyway.configure()
                .dataSource(migrating.dataSource())
                .schemas(schema)
                .createSchemas(true)
                .locations(new String[0]) // its migrations are the Java classes listed here: no classpath scan
                .javaMigrations(new CreateOperatonTables(), new JobDueDateIndex())
                .baselineVersion(CreateOperatonTables.VERSION)
                .baselineDescription("Operaton tables created by Operaton itself");
        if (migrating.separate()) {
            configuration.callbacks(ApplicationRoleGrants.onEveryTable(schema, migrating.applicationRole()));
        }
        Flyway flyway = configuration.load();
        var result = migrating.exclusively(schema, () -> {
            if (createdByOperatonItself(migrating.dataSource(), configuration.getTable())) {
                flyway.baseline();
                log.info("schema {}: adopted the tables Operaton created itself (Flyway baseline at version {})",
                        schema, CreateOperatonTables.VERSION);
            }
            return flyway.migrate();
        });
        log.info("schema {} (Operaton) at version {} ({} migrations applied{})", schema,
                flyway.info().current().getVersion(), result.migrationsExecuted,
                migrating.separate() ? ", as " + migrating.name() + " for " + migrating.applicationRole() : "");
    }

    /** Operaton's tables are there, but no Flyway history of them. */
    private boolean createdByOperatonItself(DataSource owner, String flywayHistory) {
        return Boolean.TRUE.equals(new JdbcTemplate(owner).queryForObject(
                "SELECT to_regclass(?) IS NOT NULL AND to_regclass(?) IS NULL", Boolean.class,
                schema + "." + OPERATON_TABLE, schema + "." + flywayHistory));
    }

    @Override
    public String toString() {
        return "OperatonSchema[" + schema + "]";
    }
}
