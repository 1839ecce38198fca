package dev.carepath.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Operaton's create scripts, read from its engine jar, come out as whole statements without comments. */
class OperatonScriptTest {

    @Test
    void everyComponentOperatonCreatesHasItsScriptInOperatonsJar() {
        for (String component : CreateOperatonTables.COMPONENTS) {
            OperatonScript script = OperatonScript.create(component);
            assertThat(script.statements()).as(script.resource()).isNotEmpty().allSatisfy(statement -> assertThat(statement)
                    .as(script.resource()).matches("(?is)(create|alter|insert) .*").doesNotContain("--")
                    .doesNotEndWith(";"));
        }
    }

    @Test
    void aStatementOverSeveralLinesStaysWhole() {
        List<String> statements = OperatonScript.create("engine").statements();

        assertThat(statements.get(0)).startsWith("create table ACT_GE_PROPERTY (")
                .contains("NAME_ varchar(64),\nVALUE_ varchar(300),").endsWith(")");
        assertThat(statements.get(1)).isEqualTo("insert into ACT_GE_PROPERTY\nvalues ('schema.version', 'fox', 1)");
        assertThat(statements).anyMatch(statement -> statement.startsWith("insert into ACT_GE_SCHEMA_LOG"));
    }
}
