package dev.carepath.dmn.bench;

import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.dmn.GoldenCases;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.operaton.bpm.dmn.engine.DmnDecision;

/**
 * Evaluations per second of each shipped decision table with the Operaton DMN engine (FEEL), as a business rule
 * task or the portal's what-if evaluates it, cycling through the decision's golden cases as inputs (so every rule
 * is hit, first-rule and last-rule matches alike). Run with deploy/bench/decisions.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionEvaluationBenchmark {

    @Param({"eligibility", "provider-routing", "pharmacy-routing", "titration"})
    public String decision;

    private DecisionEvaluator evaluator;
    private DmnDecision compiled;
    private List<Map<String, Object>> inputs;
    private int next;
    private long evaluations;
    private long cpuNanosAtStart;

    @Setup(Level.Trial)
    public void compile() {
        DecisionTable table = DecisionTables.shipped(decision).orElseThrow();
        GoldenCases cases = DecisionTables.goldenCases(decision).orElseThrow();
        evaluator = new DecisionEvaluator();
        compiled = evaluator.compile(table, decision);
        inputs = cases.rows().stream().map(row -> {
            Map<String, Object> variables = new HashMap<>();
            for (int i = 0; i < cases.inputNames().size(); i++) {
                String name = cases.inputNames().get(i);
                variables.put(name, table.typedInput(name, row.inputs().get(i)));
            }
            return variables;
        }).toList();
    }

    /**
     * The machine is shared: besides wall-clock throughput, each iteration prints the benchmark thread's own CPU time
     * per evaluation and the evaluations per CPU-second that gives, which other processes' load does not change.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() {
        evaluations = 0;
        cpuNanosAtStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        long cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuNanosAtStart;
        if (evaluations > 0 && cpuNanos > 0) {
            System.out.printf("  [%s: %.1f us CPU per evaluation = %.0f evaluations per CPU-second, load %s]%n",
                    decision, cpuNanos / 1e3 / evaluations, evaluations / (cpuNanos / 1e9),
                    String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
    }

    @Benchmark
    public DecisionEvaluator.Evaluation evaluate() {
        Map<String, Object> variables = inputs.get(next);
        next = (next + 1) % inputs.size();
        evaluations++;
        return evaluator.evaluate(compiled, variables);
    }
}
