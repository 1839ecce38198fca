package dev.carepath.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bench's results as a markdown table ({@code results.md}) and plots drawn by XChart: throughput as offered load
 * grows, and the CDFs of journey end-to-end time, external-task pickup and outbox lag.
 */
final class Report {

    private final List<RunResult> runs;
    private final double pgbenchTps;
    private final String machine;

    /**
     * @param runs       the bare engine first (when measured), then the platform runs
     * @param pgbenchTps {@code pgbench} simple-update transactions per second on the same machine (NaN if not run)
     * @param machine    what the machine was doing (CPUs, load), printed with the table
     */
    Report(List<RunResult> runs, double pgbenchTps, String machine) {
        this.runs = runs;
        this.pgbenchTps = pgbenchTps;
        this.machine = machine;
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.md"), markdown());
        throughputPlot(directory.resolve("throughput.png"));
        cdfPlot(directory.resolve("journey-latency-cdf.png"), "Journey end to end (offered to last cycle ended)",
                "seconds", RunResult::endToEndMillis, 1000.0);
        cdfPlot(directory.resolve("pickup-latency-cdf.png"), "External-task pickup (created to locked)",
                "milliseconds", RunResult::pickupMillis, 1.0);
        cdfPlot(directory.resolve("outbox-lag-cdf.png"), "Outbox lag (row created to published)", "milliseconds",
                RunResult::outboxLagMillis, 1.0);
    }

    String markdown() {
        // The ceiling: the bare engine's run, when this run measured it (--skip-bare leaves it out).
        RunResult bare = runs.stream().filter(run -> "bare".equals(run.side())).findFirst().orElse(null);
        StringBuilder md = new StringBuilder();
        md.append("# carepath bench: the platform against the bare engine\n\n");
        md.append("Written by `./carepath bench` (`deploy/bench/bench.sh`, the `bench` module). ").append(machine)
                .append("\n\nThe machine is shared (other processes ran meanwhile: see *machine CPU*), so absolute figures "
                        + "are noisy; the ratio platform / bare measured in the same run is the figure that counts.\n\n");
        md.append("| side | cycles/s | external tasks/s | platform / bare (cycles/s) | journey end to end p50 / p99 "
                + "| pickup p50 / p99 | outbox lag p50 / p99 | PostgreSQL commits per cycle | commits/s at best step "
                + "(pgbench simple-update: ").append(Double.isNaN(pgbenchTps) ? "not run" : String.format("%.0f tps", pgbenchTps))
                .append(") | CPU seconds per cycle | platform / bare (cycles per CPU-second) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult run : runs) {
            RunResult.Step best = run.best();
            md.append(String.format("| %s | %.2f | %.1f | %s | %s | %s | %s | %.1f | %.0f | %.2f | %s |%n", run.label(),
                    best.cyclesPerSecond(), best.externalTasksPerSecond(),
                    run == bare ? "1.00 (the ceiling)" : bare == null ? "no bare run"
                            : String.format("%.2f", best.cyclesPerSecond() / bare.best().cyclesPerSecond()),
                    new Percentiles(run.endToEndMillis()).p50p99(), new Percentiles(run.pickupMillis()).p50p99(),
                    run.outboxLagMillis().isEmpty() ? "no outbox" : new Percentiles(run.outboxLagMillis()).p50p99(),
                    run.commitsPerCycle(), best.commits() / best.seconds(), run.cpuSecondsPerCycle(),
                    run == bare ? "1.00" : bare == null ? "no bare run"
                            : String.format("%.2f", bare.cpuSecondsPerCycle() / run.cpuSecondsPerCycle())));
        }
        md.append("\nCycles/s and external tasks/s are those of the step with the most cycles ended per second (the "
                + "saturation figure; the drain after the last step, on the backlog, counts as a step offering 0); "
                + "latencies are over every journey, task and outbox row of the run, backlog included, so at saturation "
                + "they are mostly queueing. CPU seconds per cycle: the side's own processes and its database's "
                + "PostgreSQL backends while the steps ran, per cycle ended in them (the shared broker left out); on a "
                + "machine loaded by others each side's throughput follows the CPU share it gets, so the ratio of CPU "
                + "cost per cycle is the steadier comparison.\n\n");
        md.append("## Offered load, step by step\n\n| side | offered journeys/s | offered | cycles ended/s | "
                + "external tasks/s | commits/s | pickup p50 / p99 | outbox lag p50 / p99 |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult run : runs) {
            for (RunResult.Step step : run.steps()) {
                md.append(String.format("| %s | %.1f | %d | %.2f | %.1f | %.0f | %s | %s |%n", run.label(),
                        step.offeredJourneysPerSecond(), step.submitted(), step.cyclesPerSecond(),
                        step.externalTasksPerSecond(), step.commits() / step.seconds(), step.pickup().text(),
                        run.outboxLagMillis().isEmpty() ? "no outbox" : step.outboxLag().text()));
            }
        }
        md.append("\nPickup and outbox lag per step are those of the tasks and rows created in it: in a step the side "
                + "keeps up with (cycles ended/s near the offered journeys/s times the cycles per journey) they are the "
                + "latencies themselves, above it mostly queueing behind the backlog.\n");
        md.append("\n## The journey's shape per cycle, counted from each side's history\n\n| side | cycles | journeys "
                + "offered / completed | external tasks | business rule tasks | message waits | timers |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult run : runs) {
            Map<String, Double> shape = run.shape();
            md.append(String.format("| %s | %.0f | %d / %d | %.2f | %.2f | %.2f | %.2f |%n", run.label(),
                    shape.get("cycles"), run.journeysSubmitted(), run.journeysCompleted(), shape.get("externalTasks"),
                    shape.get("businessRuleTasks"), shape.get("messageWaits"), shape.get("timers")));
        }
        md.append("\n## CPU while the steps ran (seconds, and share of the machine's busy time)\n\n");
        for (RunResult run : runs) {
            md.append("- ").append(run.label()).append(String.format(": machine %.0f s busy;", run.machineCpuSeconds()));
            run.cpuSeconds().forEach((name, seconds) -> md.append(String.format(" %s %.0f s (%.0f %%);", name, seconds,
                    100 * seconds / Math.max(1e-9, run.machineCpuSeconds()))));
            md.setLength(md.length() - 1);
            md.append("\n");
        }
        md.append("\n![Throughput as offered load grows](throughput.png)\n\n")
                .append("![Journey end-to-end CDF](journey-latency-cdf.png)\n\n")
                .append("![External-task pickup CDF](pickup-latency-cdf.png)\n\n")
                .append("![Outbox lag CDF](outbox-lag-cdf.png)\n");
        return md.toString();
    }

    private void throughputPlot(Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title("Cycles ended per second as offered load grows")
                .xAxisTitle("offered cycles/s (journeys/s x cycles per journey)").yAxisTitle("cycles ended/s").build();
        for (RunResult run : runs) {
            // The offered steps; the drain (offering nothing, on the backlog) is in the table, not on this axis.
            List<RunResult.Step> offered = run.steps().stream().filter(s -> s.offeredJourneysPerSecond() > 0).toList();
            double[] x = offered.stream().mapToDouble(s -> s.offeredJourneysPerSecond() * run.cyclesPerJourney())
                    .toArray();
            double[] y = offered.stream().mapToDouble(RunResult.Step::cyclesPerSecond).toArray();
            chart.addSeries(run.label(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        save(chart, file);
    }

    private void cdfPlot(Path file, String title, String unit, Function<RunResult, List<Long>> values, double scale)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(unit)
                .yAxisTitle("share at or below").build();
        boolean any = false;
        for (RunResult run : runs) {
            double[][] cdf = new Percentiles(values.apply(run)).cdf(400);
            if (cdf[0].length == 0) {
                continue;
            }
            for (int i = 0; i < cdf[0].length; i++) {
                cdf[0][i] /= scale;
            }
            chart.addSeries(run.label(), cdf[0], cdf[1]).setMarker(SeriesMarkers.NONE);
            any = true;
        }
        if (any) {
            save(chart, file);
        }
    }

    private static void save(XYChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
