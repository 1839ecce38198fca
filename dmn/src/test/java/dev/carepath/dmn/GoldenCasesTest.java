package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnDecisionTableResult;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;
import org.operaton.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.operaton.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.operaton.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;

/**
 * Every golden case of {@code dmn/golden/<decision>.csv} evaluated against its table with the Operaton DMN engine
 * (FEEL, as in the process engine), and every rule of every table reached by at least one golden case: a new rule
 * without a golden case fails the build.
 */
class GoldenCasesTest {

    /** Rule ids that won the last evaluation, reported by the engine itself. */
    private static final List<String> MATCHED_RULES = new ArrayList<>();

    private static final DmnDecisionTableEvaluationListener RECORD_MATCHED_RULES = (DmnDecisionTableEvaluationEvent event) -> {
        MATCHED_RULES.clear();
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(MATCHED_RULES::add);
    };

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        .customPostDecisionTableEvaluationListeners(List.of(RECORD_MATCHED_RULES))
        .buildEngine();

    @TestFactory
    Stream<DynamicNode> everyGoldenCaseMatchesItsTable() {
        return DecisionTables.fileKeys().stream().map(key -> {
            if (!GoldenCases.exists(key)) {
                return dynamicTest(key + " has golden cases", () -> {
                    throw new AssertionError("dmn/" + key + ".dmn has no dmn/golden/" + key + ".csv");
                });
            }
            DecisionTables.Table table = DecisionTables.read(key);
            GoldenCases golden = GoldenCases.read(key);
            DmnDecision decision = parse(key);
            Set<String> reached = new LinkedHashSet<>();

            Stream<DynamicNode> header = Stream.of(dynamicTest("header names the table's inputs and outputs", () -> {
                assertThat(golden.inputNames()).as("input columns").containsExactlyElementsOf(table.inputTypes().keySet());
                assertThat(golden.outputNames()).as("output columns").containsExactlyElementsOf(table.outputNames());
            }));
            Stream<DynamicNode> cases = golden.rows().stream().map(row -> dynamicTest(row.toString(), () -> {
                DmnDecisionTableResult result = DMN.evaluateDecisionTable(decision, inputs(table, golden, row));
                reached.addAll(MATCHED_RULES);
                assertOutputs(golden, row, result);
            }));
            // Runs after the cases above: dynamic tests of a stream execute in order.
            Stream<DynamicNode> coverage = Stream.of(dynamicTest("every rule is reached by a golden case", () -> {
                assertThat(reached).as("rules reached by dmn/golden/%s.csv", key)
                    .containsAll(table.ruleIds());
            }));
            return (DynamicNode) dynamicContainer(key, Stream.of(header, cases, coverage).flatMap(s -> s));
        });
    }

    private static void assertOutputs(GoldenCases golden, GoldenCases.Row row, DmnDecisionTableResult result) {
        if (row.expectsNoMatch()) {
            assertThat(result.getResultList()).as("no rule should match %s", row).isEmpty();
            return;
        }
        assertThat(result.getResultList()).as("exactly one result for %s", row).hasSize(1);
        Map<String, Object> actual = result.getSingleResult().getEntryMap();
        for (int i = 0; i < golden.outputNames().size(); i++) {
            String name = golden.outputNames().get(i);
            String expected = row.expectedOutputs().get(i);
            Object value = actual.get(name);
            if (expected.isEmpty()) {
                assertThat(value).as(name).isNull();
            } else if (value instanceof Number number) {
                assertThat(new BigDecimal(number.toString())).as(name).isEqualByComparingTo(new BigDecimal(expected));
            } else {
                assertThat(String.valueOf(value)).as(name).isEqualTo(expected);
            }
        }
    }

    /** The row's inputs typed as the table's input expressions declare them (typeRef), as the process would pass them. */
    private static Map<String, Object> inputs(DecisionTables.Table table, GoldenCases golden, GoldenCases.Row row) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < golden.inputNames().size(); i++) {
            String name = golden.inputNames().get(i);
            variables.put(name, typed(table.inputTypes().get(name), row.inputs().get(i)));
        }
        return variables;
    }

    private static Object typed(String typeRef, String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        return switch (typeRef) {
            case "integer" -> Integer.valueOf(cell);
            case "long" -> Long.valueOf(cell);
            case "double" -> Double.valueOf(cell);
            case "boolean" -> switch (cell) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean: " + cell);
            };
            default -> cell;
        };
    }

    private static DmnDecision parse(String key) {
        try (InputStream in = DecisionTables.open(key)) {
            return DMN.parseDecision(key, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
