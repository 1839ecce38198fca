package dev.carepath.dmn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.operaton.bpm.dmn.engine.DmnDecision;

/**
 * Runs a decision's golden cases against a table: every row's inputs, typed as the table declares them, must give
 * the row's outputs (numbers compare by value), or match no rule when the row's outputs are all empty. The dmn
 * build and the portal's deployment gate both use it.
 */
public final class GoldenCaseRunner {

    /**
     * A golden case the table got wrong.
     *
     * @param line     the row's line in the CSV file
     * @param inputs   input name → cell
     * @param expected output name → expected cell ("" = null; all empty = no rule may match)
     * @param actual   what the table gave (one map per matched result), empty when it matched nothing
     * @param reason   what is wrong, in words
     */
    public record Failure(int line, Map<String, String> inputs, Map<String, String> expected,
            List<Map<String, Object>> actual, String reason) implements java.io.Serializable {
    }

    /** The outcome of one row: its failure, if any, and the rules that matched it. */
    public record RowResult(Optional<Failure> failure, List<String> matchedRuleIds) {
    }

    /**
     * The outcome of a whole file.
     *
     * @param headerProblems columns of the CSV that the table lacks, or the other way round; rows are not run then
     * @param failures       rows the table got wrong
     * @param rowsRun        how many rows were evaluated
     * @param unreachedRules rules of the table that no row matched
     */
    public record Report(String decisionKey, List<String> headerProblems, List<Failure> failures, int rowsRun,
            List<String> unreachedRules) implements java.io.Serializable {

        /** Every row passed (unreached rules do not fail a report; the build checks coverage on its own). */
        public boolean passed() {
            return headerProblems.isEmpty() && failures.isEmpty();
        }
    }

    private final DecisionEvaluator evaluator;

    public GoldenCaseRunner(DecisionEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * Runs every row of {@code cases} against {@code table}.
     *
     * @throws InvalidDecisionTableException when the engine cannot read the table's decision
     *                                       {@code cases.decisionKey()}
     */
    public Report run(DecisionTable table, GoldenCases cases) {
        List<String> headerProblems = headerProblems(table, cases);
        if (!headerProblems.isEmpty()) {
            return new Report(cases.decisionKey(), headerProblems, List.of(), 0, table.ruleIds());
        }
        DmnDecision decision = evaluator.compile(table, cases.decisionKey());
        List<Failure> failures = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        for (GoldenCases.Row row : cases.rows()) {
            RowResult result = check(table, decision, cases, row);
            result.failure().ifPresent(failures::add);
            reached.addAll(result.matchedRuleIds());
        }
        List<String> unreached = table.ruleIds().stream().filter(id -> !reached.contains(id)).toList();
        return new Report(cases.decisionKey(), List.of(), List.copyOf(failures), cases.rows().size(), unreached);
    }

    /** The CSV's input and output columns that the table does not have, and the table's that the CSV lacks. */
    public static List<String> headerProblems(DecisionTable table, GoldenCases cases) {
        List<String> problems = new ArrayList<>();
        compare("input", cases.inputNames(), table.inputTypes().keySet(), problems);
        compare("output", cases.outputNames(), table.outputNames(), problems);
        return problems;
    }

    /** Evaluates one row against the compiled {@code decision} of {@code table}. */
    public RowResult check(DecisionTable table, DmnDecision decision, GoldenCases cases, GoldenCases.Row row) {
        Map<String, String> inputs = cells(cases.inputNames(), row.inputs());
        Map<String, String> expected = cells(cases.outputNames(), row.expectedOutputs());
        Map<String, Object> variables = new HashMap<>();
        try {
            inputs.forEach((name, cell) -> variables.put(name, table.typedInput(name, cell)));
        } catch (IllegalArgumentException e) {
            return new RowResult(Optional.of(new Failure(row.line(), inputs, expected, List.of(),
                    "the row's input does not fit the table's input type: " + e.getMessage())), List.of());
        }
        DecisionEvaluator.Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(decision, variables);
        } catch (RuntimeException e) {
            return new RowResult(Optional.of(new Failure(row.line(), inputs, expected, List.of(),
                    "the table could not be evaluated: " + e.getClass().getSimpleName())), List.of());
        }
        return new RowResult(compare(row, inputs, expected, evaluation.results(), cases.outputNames()),
                evaluation.matchedRuleIds());
    }

    private static Optional<Failure> compare(GoldenCases.Row row, Map<String, String> inputs,
            Map<String, String> expected, List<Map<String, Object>> actual, List<String> outputNames) {
        if (row.expectsNoMatch()) {
            return actual.isEmpty() ? Optional.empty()
                    : Optional.of(new Failure(row.line(), inputs, expected, actual, "expected no rule to match"));
        }
        if (actual.size() != 1) {
            return Optional.of(new Failure(row.line(), inputs, expected, actual,
                    "expected exactly one result, got " + actual.size()));
        }
        Map<String, Object> result = actual.get(0);
        List<String> wrong = outputNames.stream()
                .filter(name -> !matches(expected.get(name), result.get(name))).toList();
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of(new Failure(row.line(), inputs, expected, actual,
                        "wrong " + String.join(", ", wrong)));
    }

    private static boolean matches(String expected, Object actual) {
        if (expected.isEmpty()) {
            return actual == null;
        }
        if (actual instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).compareTo(new BigDecimal(expected)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return Objects.equals(String.valueOf(actual), expected);
    }

    private static Map<String, String> cells(List<String> names, List<String> values) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            cells.put(names.get(i), values.get(i));
        }
        return cells;
    }

    private static void compare(String kind, List<String> csv, Iterable<String> table, List<String> problems) {
        List<String> tableNames = new ArrayList<>();
        table.forEach(tableNames::add);
        csv.stream().filter(name -> !tableNames.contains(name))
                .forEach(name -> problems.add("the table has no " + kind + " '" + name + "'"));
        tableNames.stream().filter(name -> !csv.contains(name))
                .forEach(name -> problems.add("the golden cases have no " + kind + " column '" + name + "'"));
    }
}
