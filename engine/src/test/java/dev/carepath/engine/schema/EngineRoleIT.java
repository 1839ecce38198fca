package dev.carepath.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carepath.eventing.EventingProperties;
import dev.carepath.eventing.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine runs as a login that owns nothing and may not change a schema, from the database catalog and by trying:
 * its data source's user is neither superuser nor {@code BYPASSRLS}, owns no schema, table or sequence, holds exactly
 * {@code SELECT, INSERT, UPDATE, DELETE} on Operaton's tables, and cannot create a table in schema {@code engine} nor
 * alter, truncate or drop one of Operaton's; the tables were created by their owner, recorded in Flyway's history.
 * All the while the engine runs a process instance to its end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineRoleIT {

    private static final String SCHEMA = "engine";
    private static final String PROBE = "EngineRoleProbe";

    @Autowired DataSource dataSource;
    @Autowired EventingProperties events;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;

    private String role;
    private JdbcTemplate superuser;

    @BeforeEach
    void catalog() {
        role = TestDatabase.applicationRole(dataSource);
        superuser = TestDatabase.superuser(dataSource);
    }

    @Test
    void theEngineRunsAProcessToItsEndAsItsApplicationRole() {
        assertThat(role).isEqualTo("carepath_engine_app").isNotEqualTo(events.migration().username());
        repository.createDeployment().name(PROBE)
                .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE).operatonHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Probe").endEvent("EndEvent_Probed").done())
                .deploy();
        String tenant = "role-" + UUID.randomUUID().toString().substring(0, 8);
        String instance = runtime.startProcessInstanceByKey(PROBE, Map.of("tenantId", tenant)).getId();
        tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult())
                .satisfies(done -> {
                    assertThat(done.getEndActivityId()).isEqualTo("EndEvent_Probed");
                    assertThat(done.getTenantId()).isEqualTo(tenant);
                });
    }

    @Test
    void theApplicationRoleIsNeitherSuperuserNorBypassRlsAndOwnsNothing() {
        Map<String, Object> attributes = superuser.queryForMap(
                "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ?", role);
        assertThat(attributes).as("attributes of %s", role).containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false).containsEntry("rolcreaterole", false)
                .containsEntry("rolcreatedb", false);
        assertThat(superuser.queryForList("""
                SELECT n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')' FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relowner = ?::regrole""", String.class, role))
                .as("tables, sequences, views and indexes %s owns", role).isEmpty();
        assertThat(superuser.queryForList("SELECT nspname FROM pg_namespace WHERE nspowner = ?::regrole",
                String.class, role)).as("schemas %s owns", role).isEmpty();
        assertThat(superuser.queryForObject("SELECT has_schema_privilege(?, ?, 'CREATE')"
                + " OR has_database_privilege(?, current_database(), 'CREATE')", Boolean.class, role, SCHEMA, role))
                .as("%s may create in schema %s or in the database", role, SCHEMA).isFalse();
    }

    @Test
    void theOwnerCreatedOperatonsTablesAndGrantedTheApplicationRoleRowsOnly() {
        Map<String, Object> first = superuser.queryForMap("SELECT version, type, installed_by, success"
                + " FROM engine.flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank LIMIT 1");
        assertThat(first).as("the first version of schema engine: created, or adopted from Operaton")
                .containsEntry("version", CreateOperatonTables.VERSION.getVersion())
                .containsEntry("installed_by", events.migration().username()).containsEntry("success", true);
        assertThat(first.get("type")).isIn("JDBC", "BASELINE");

        List<String> operatonTables = superuser.queryForList("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname LIKE 'act\\_%' ORDER BY 1""",
                String.class, SCHEMA);
        assertThat(operatonTables).contains("act_ge_property", "act_ru_execution", "act_hi_procinst", "act_id_user",
                "act_re_case_def", "act_hi_caseinst", "act_re_decision_def", "act_hi_decinst");
        assertThat(superuser.queryForList("SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?", String.class, SCHEMA))
                .as("owners of schema engine's tables").containsExactly(events.migration().username());

        Map<String, String> privileges = superuser.queryForList("""
                SELECT c.relname, string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL aclexplode(c.relacl) a
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.grantee = ?::regrole
                GROUP BY c.relname""", SCHEMA, role).stream()
                .collect(Collectors.toMap(row -> (String) row.get("relname"), row -> (String) row.get("privileges")));
        assertThat(privileges.keySet()).as("tables %s may use", role).containsExactlyInAnyOrderElementsOf(operatonTables)
                .doesNotContain("flyway_schema_history");
        assertThat(privileges).allSatisfy((table, granted) ->
                assertThat(granted).as(table).isEqualTo("DELETE, INSERT, SELECT, UPDATE"));
    }

    @Test
    void theApplicationRoleCannotCreateAlterTruncateOrDropATable() {
        assertRefused("CREATE TABLE engine.act_probe (id_ varchar(64))");
        assertRefused("ALTER TABLE engine.act_ru_execution ADD COLUMN probe_ integer");
        assertRefused("ALTER TABLE engine.act_ge_property OWNER TO " + role);
        assertRefused("CREATE INDEX act_idx_probe ON engine.act_hi_procinst (start_time_)");
        assertRefused("TRUNCATE engine.act_hi_procinst");
        assertRefused("DROP TABLE engine.act_ge_property");
        assertThat(superuser.queryForObject("SELECT to_regclass('engine.act_ge_property') IS NOT NULL", Boolean.class))
                .isTrue();
    }

    /** The statement fails for want of privilege (SQLSTATE 42501); it runs in a transaction rolled back anyway. */
    private void assertRefused(String ddl) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            new JdbcTemplate(dataSource).execute(ddl);
        })).as(ddl).satisfies(e -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            assertThat(cause).as(ddl).isInstanceOf(SQLException.class);
            assertThat(((SQLException) cause).getSQLState()).as("%s: %s", ddl, cause.getMessage()).isEqualTo("42501");
        });
    }
}
