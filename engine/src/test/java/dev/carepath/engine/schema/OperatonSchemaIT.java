package dev.carepath.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.eventing.EventingProperties;
import dev.carepath.eventing.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;

/**
 * How the owner's migration of Operaton's schema meets the tables Operaton creates itself, each case in scratch
 * schemas of the test database (dropped afterwards): the migration creates what Operaton would and the platform's
 * due date index (version 2), and a schema whose tables Operaton created itself (the engine ran as the owner with
 * {@code schema-update: true} before) is adopted, after which an engine running as the application role with
 * {@code schema-update: false} works on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class OperatonSchemaIT {

    @Autowired DataSource dataSource;
    @Autowired EventingProperties events;

    private final List<String> scratchSchemas = new ArrayList<>();
    private JdbcTemplate superuser;

    @BeforeEach
    void superuser() {
        superuser = TestDatabase.superuser(dataSource);
    }

    @AfterEach
    void dropScratchSchemas() {
        scratchSchemas.forEach(schema -> superuser.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    @Test
    void theOwnersMigrationCreatesTheTablesOperatonCreatesItself() throws SQLException {
        String byOperaton = createdByOperatonItself();
        String byOwner = scratchSchema();

        new OperatonSchema(dataSource, byOwner, events.migration()).migrate();

        List<String> operatons = new ArrayList<>(structure(byOperaton));
        operatons.add("index CREATE INDEX carepath_idx_job_duedate ON act_ru_job USING btree (duedate_)");
        assertThat(structure(byOwner)).as("tables, columns, indexes and constraints: Operaton's, and the due date "
                + "index").isNotEmpty().containsExactlyInAnyOrderElementsOf(operatons);
        assertThat(history(byOwner)).containsExactly("SCHEMA null", "JDBC 1", "JDBC 2");
    }

    @Test
    void engineNodesStartingTogetherMigrateTheSchemaOnceAndBothStart() throws Exception {
        String schema = scratchSchema();
        int nodes = 3;
        var ready = new CyclicBarrier(nodes);
        var pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                starts.add(pool.submit(() -> {
                    ready.await();
                    new OperatonSchema(dataSource, schema, events.migration()).migrate();
                    return null;
                }));
            }
            for (var start : starts) {
                start.get(120, TimeUnit.SECONDS); // a node whose migration failed throws here
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(history(schema)).as("created once").containsExactly("SCHEMA null", "JDBC 1", "JDBC 2");
        ProcessEngine engine = engine(schema, dataSource, ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        engine.close(); // the application role finds every table and its privileges on them
    }

    @Test
    void tablesOperatonCreatedItselfAreAdoptedAndRunOnAsTheApplicationRole() throws SQLException {
        String schema = createdByOperatonItself();

        new OperatonSchema(dataSource, schema, events.migration()).migrate();
        new OperatonSchema(dataSource, schema, events.migration()).migrate();

        assertThat(history(schema)).as("adopted once, the due date index added; the second start finds nothing to do")
                .containsExactly("BASELINE 1", "JDBC 2");
        ProcessEngine engine = engine(schema, dataSource, ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        try {
            engine.getRepositoryService().createDeployment()
                    .addModelInstance("AdoptionProbe.bpmn", Bpmn.createExecutableProcess("AdoptionProbe")
                            .operatonHistoryTimeToLive(1).startEvent().userTask("Task_Probe").endEvent().done())
                    .deploy();
            String instance = engine.getRuntimeService().startProcessInstanceByKey("AdoptionProbe").getId();
            engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance)
                    .singleResult().getId());
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                    .finished().count()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    /** A scratch schema whose tables Operaton created itself, as the owner with {@code schema-update: true}. */
    private String createdByOperatonItself() throws SQLException {
        String schema = scratchSchema();
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        // Operaton's scripts name no schema: the owner's connections must have the scratch schema as their current one.
        var owner = new DriverManagerDataSource(url.replaceFirst("currentSchema=[a-z_]+", "currentSchema=" + schema),
                events.migration().username(), events.migration().password());
        new JdbcTemplate(owner).execute("CREATE SCHEMA " + schema);
        engine(schema, owner, ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE).close();
        return schema;
    }

    private String scratchSchema() {
        String schema = "operaton_it_" + UUID.randomUUID().toString().substring(0, 8);
        scratchSchemas.add(schema);
        return schema;
    }

    private static ProcessEngine engine(String schema, DataSource dataSource, String schemaUpdate) {
        ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(schema);
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(schemaUpdate);
        configuration.setDatabaseSchema(schema);
        configuration.setDatabaseTablePrefix(schema + ".");
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        return configuration.buildProcessEngine();
    }

    /** The schema's tables with their columns, indexes and constraints, its own name taken out. */
    private List<String> structure(String schema) {
        return superuser.queryForList("""
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                       || ' ' || coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = ? AND table_name <> 'flyway_schema_history'
                UNION ALL
                SELECT 'index ' || replace(indexdef, schemaname || '.', '')
                FROM pg_indexes WHERE schemaname = ? AND tablename <> 'flyway_schema_history'
                UNION ALL
                SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' '
                       || pg_get_constraintdef(c.oid)
                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = ? AND c.conrelid::regclass::text NOT LIKE '%flyway_schema_history'
                ORDER BY 1""", String.class, schema, schema, schema).stream()
                .map(line -> line.replace(schema + ".", "")).toList();
    }

    private List<String> history(String schema) {
        return superuser.queryForList("SELECT type || ' ' || coalesce(version, 'null') FROM " + schema
                + ".flyway_schema_history ORDER BY installed_rank", String.class);
    }
}
