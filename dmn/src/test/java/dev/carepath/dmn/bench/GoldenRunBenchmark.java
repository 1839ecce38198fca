package dev.carepath.dmn.bench;

import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.dmn.GoldenCaseRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The portal's start-up golden run (portal DecisionWarmUp, and the deployment gate's first upload) in a cold JVM:
 * a new {@link DecisionEvaluator}, then every shipped table's golden cases once, as the portal does at start.
 * Single-shot, one measurement per forked JVM: run with {@code -bm ss -f 5 -wi 0 -i 1} (deploy/bench/decisions.sh).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GoldenRunBenchmark {

    @Benchmark
    public List<GoldenCaseRunner.Report> goldenRunOfEveryTable() {
        GoldenCaseRunner runner = new GoldenCaseRunner(new DecisionEvaluator());
        List<GoldenCaseRunner.Report> reports = new ArrayList<>();
        for (String key : DecisionTables.KEYS) {
            GoldenCaseRunner.Report report = runner.run(DecisionTables.shipped(key).orElseThrow(),
                    DecisionTables.goldenCases(key).orElseThrow());
            if (!report.passed()) {
                throw new IllegalStateException(key + " fails its golden cases: " + report.failures());
            }
            reports.add(report);
        }
        return reports;
    }
}
