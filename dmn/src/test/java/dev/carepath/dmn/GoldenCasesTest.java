package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.operaton.bpm.dmn.engine.DmnDecision;

/**
 * Every golden case of {@code dmn/golden/<decision>.csv} evaluated against its table by {@link GoldenCaseRunner} (the
 * runner the portal's deployment gate uses), and every rule of every table reached by at least one golden case: a
 * new rule without a golden case fails the build.
 */
class GoldenCasesTest {

    private static final DecisionEvaluator EVALUATOR = new DecisionEvaluator();
    private static final GoldenCaseRunner RUNNER = new GoldenCaseRunner(EVALUATOR);

    @TestFactory
    Stream<DynamicNode> everyGoldenCaseMatchesItsTable() {
        return ShippedTables.fileKeys().stream().map(key -> {
            Optional<GoldenCases> found = DecisionTables.goldenCases(key);
            if (found.isEmpty()) {
                return dynamicTest(key + " has golden cases", () -> {
                    throw new AssertionError("dmn/" + key + ".dmn has no dmn/golden/" + key + ".csv");
                });
            }
            DecisionTable table = ShippedTables.read(key);
            GoldenCases golden = found.get();
            DmnDecision decision = EVALUATOR.compile(table, key);
            Set<String> reached = new LinkedHashSet<>();

            Stream<DynamicNode> header = Stream.of(dynamicTest("header names the table's inputs and outputs, in order", () -> {
                assertThat(golden.inputNames()).as("input columns").containsExactlyElementsOf(table.inputTypes().keySet());
                assertThat(golden.outputNames()).as("output columns").containsExactlyElementsOf(table.outputNames());
            }));
            Stream<DynamicNode> size = Stream.of(dynamicTest("at least 30 golden cases", () ->
                assertThat(golden.rows()).as("rows of dmn/golden/%s.csv", key).hasSizeGreaterThanOrEqualTo(30)));
            Stream<DynamicNode> cases = golden.rows().stream().map(row -> dynamicTest(row.toString(), () -> {
                GoldenCaseRunner.RowResult result = RUNNER.check(table, decision, golden, row);
                reached.addAll(result.matchedRuleIds());
                assertThat(result.failure()).as("failure of %s", row).isEmpty();
            }));
            // Runs after the cases above: dynamic tests of a stream execute in order.
            Stream<DynamicNode> coverage = Stream.of(dynamicTest("every rule is reached by a golden case", () -> {
                assertThat(reached).as("rules reached by dmn/golden/%s.csv", key)
                    .containsAll(table.ruleIds());
            }));
            return (DynamicNode) dynamicContainer(key, Stream.of(header, size, cases, coverage).flatMap(s -> s));
        });
    }
}
