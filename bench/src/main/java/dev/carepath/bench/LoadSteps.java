package dev.carepath.bench;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one driver of both sides: offers journeys at a fixed rate per step (open loop: an offer never waits for an
 * earlier journey, so a rate above what the side finishes grows its backlog), steps of growing rate, then lets the
 * backlog drain, and measures the whole run from the side's database and {@code /proc}.
 */
final class LoadSteps {

    /** The side's way to start one journey; must not block for long (the offer schedule is a single thread). */
    interface Journeys {
        void offer(String journeyId);

        /** The engine's business key of the journey offered as {@code journeyId} (null if it was refused). */
        default String businessKey(String journeyId) {
            return journeyId;
        }
    }

    private final Measurements measurements;
    private final Journeys journeys;
    private final Map<String, Long> processes;
    private final String selfName;

    /**
     * @param processes named processes whose CPU is split out (engine, portal, ...)
     * @param selfName  what this JVM is in the CPU split (the driver alone, or the bare engine with its workers)
     */
    LoadSteps(Measurements measurements, Journeys journeys, Map<String, Long> processes, String selfName) {
        this.measurements = measurements;
        this.journeys = journeys;
        this.processes = processes;
        this.selfName = selfName;
    }

    RunResult run(String side, String label, int cyclesPerJourney, double[] rates, Duration step, Duration drain,
                  long lockDurationMillis) throws SQLException, InterruptedException {
        Map<String, Long> offeredAt = new ConcurrentHashMap<>();
        AtomicInteger submitted = new AtomicInteger();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long[] commitMarks = new long[rates.length + 1];
        long[] timeMarks = new long[rates.length + 1];
        int[] submittedMarks = new int[rates.length + 1];
        Cpu cpuStart = cpu();
        long started = System.currentTimeMillis();
        // What earlier runs on the same database ended (the two-worker run follows the one-worker run's): this run's
        // progress is counted from it, or the drain would end at once, finding as many journeys completed as offered.
        long[] earlier = measurements.progress();
        var progress = Executors.newSingleThreadScheduledExecutor();
        String[] phase = {"start"};
        progress.scheduleAtFixedRate(() -> report(side, started, phase[0], submitted.get(), earlier), 5, 5,
                TimeUnit.SECONDS);
        try {
            for (int i = 0; i < rates.length; i++) {
                phase[0] = String.format("step %d/%d, offering %.1f journeys/s", i + 1, rates.length, rates[i]);
                commitMarks[i] = measurements.commits();
                timeMarks[i] = System.currentTimeMillis();
                submittedMarks[i] = submitted.get();
                ScheduledExecutorService offers = Executors.newSingleThreadScheduledExecutor();
                long period = Math.round(1_000_000_000.0 / rates[i]);
                offers.scheduleAtFixedRate(() -> {
                    String id = "bench-" + run + "-" + submitted.incrementAndGet();
                    offeredAt.put(id, System.currentTimeMillis());
                    try {
                        journeys.offer(id);
                    } catch (RuntimeException e) {
                        System.out.println("  offer failed: " + e.getMessage());
                    }
                }, 0, period, TimeUnit.NANOSECONDS);
                Thread.sleep(step.toMillis());
                offers.shutdownNow();
            }
            commitMarks[rates.length] = measurements.commits();
            timeMarks[rates.length] = System.currentTimeMillis();
            submittedMarks[rates.length] = submitted.get();
            Cpu cpuEnd = cpu();
            phase[0] = "draining the backlog";
            long drainEnd = System.currentTimeMillis() + drain.toMillis();
            long drainStart = System.currentTimeMillis();
            long drainCommits = measurements.commits();
            while (measurements.progress()[1] - earlier[1] < submitted.get() && System.currentTimeMillis() < drainEnd) {
                Thread.sleep(1000);
            }
            long drainStop = System.currentTimeMillis();
            long drainCommitsEnd = measurements.commits();
            progress.shutdownNow();
            List<RunResult.Step> steps = new ArrayList<>();
            for (int i = 0; i < rates.length; i++) {
                Timestamp from = new Timestamp(timeMarks[i]);
                Timestamp to = new Timestamp(timeMarks[i + 1]);
                steps.add(new RunResult.Step(rates[i], (timeMarks[i + 1] - timeMarks[i]) / 1000.0,
                        submittedMarks[i + 1] - submittedMarks[i], measurements.cyclesEnded(from, to),
                        measurements.externalTasksCompleted(from, to), commitMarks[i + 1] - commitMarks[i],
                        RunResult.Latency.of(measurements.pickupMillis(from, to, lockDurationMillis)),
                        RunResult.Latency.of(measurements.outboxLagMillis(from, to))));
            }
            // The drain runs on the backlog the steps left: saturated as long as journeys are left, so it counts as a
            // step offering nothing new (its throughput is the side's too, warmed up).
            Timestamp drainFrom = new Timestamp(drainStart);
            Timestamp drainTo = new Timestamp(drainStop);
            steps.add(new RunResult.Step(0, (drainStop - drainStart) / 1000.0, 0,
                    measurements.cyclesEnded(drainFrom, drainTo), measurements.externalTasksCompleted(drainFrom, drainTo),
                    drainCommitsEnd - drainCommits,
                    RunResult.Latency.of(measurements.pickupMillis(drainFrom, drainTo, lockDurationMillis)),
                    RunResult.Latency.of(measurements.outboxLagMillis(drainFrom, drainTo))));
            Map<String, Long> ends = measurements.journeysCompleted();
            List<Long> endToEnd = new ArrayList<>();
            offeredAt.forEach((id, at) -> {
                String key = journeys.businessKey(id);
                Long end = key == null ? null : ends.get(key);
                if (end != null) {
                    endToEnd.add(end - at);
                }
            });
            Timestamp from = new Timestamp(timeMarks[0]);
            Timestamp to = new Timestamp(System.currentTimeMillis() + 1);
            Map<String, Double> cpu = cpuEnd.minus(cpuStart);
            double machine = cpu.remove(MACHINE);
            return new RunResult(side, label, cyclesPerJourney, steps, submitted.get(), endToEnd.size(),
                    measurements.shape(), endToEnd, measurements.pickupMillis(from, to, lockDurationMillis),
                    measurements.outboxLagMillis(from, to), cpu, machine);
        } finally {
            progress.shutdownNow();
        }
    }

    private void report(String side, long started, String phase, int submitted, long[] earlier) {
        try {
            long[] progress = measurements.progress();
            System.out.printf("  [%s] %4ds  %s: %d journeys offered, %d cycles ended, %d journeys completed%n",
                    side, (System.currentTimeMillis() - started) / 1000, phase, submitted, progress[0] - earlier[0],
                    progress[1] - earlier[1]);
        } catch (SQLException e) {
            System.out.println("  progress unknown: " + e.getMessage());
        }
    }

    // ---- CPU split

    private static final String MACHINE = "machine";

    private record Cpu(Map<String, Long> ticks, Map<Long, Long> backends, Map<Long, Long> broker) {

        Map<String, Double> minus(Cpu start) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            ticks.forEach((name, end) -> {
                Long begin = start.ticks.get(name);
                if (begin != null && begin >= 0 && end >= 0) {
                    seconds.put(name, Measurements.seconds(end - begin));
                }
            });
            seconds.put("postgresql (this database's backends)", Measurements.seconds(delta(start.backends, backends)));
            seconds.put("rabbitmq (the machine's one broker)", Measurements.seconds(delta(start.broker, broker)));
            return seconds;
        }

        private static long delta(Map<Long, Long> start, Map<Long, Long> end) {
            long sum = 0;
            for (var entry : end.entrySet()) {
                long before = start.getOrDefault(entry.getKey(), 0L);
                if (entry.getValue() >= 0) {
                    sum += entry.getValue() - Math.max(0, before);
                }
            }
            return sum;
        }
    }

    private Cpu cpu() throws SQLException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        processes.forEach((name, pid) -> ticks.put(name, Measurements.processTicks(pid)));
        ticks.put(selfName, Measurements.processTicks(ProcessHandle.current().pid()));
        ticks.put(MACHINE, Measurements.machineTicks());
        Map<Long, Long> backends = new HashMap<>();
        for (long pid : measurements.backendPids()) {
            backends.put(pid, Measurements.processTicks(pid));
        }
        Map<Long, Long> broker = new HashMap<>();
        for (long pid : Measurements.pidsNamed("beam.smp")) {
            broker.put(pid, Measurements.processTicks(pid));
        }
        return new Cpu(ticks, backends, broker);
    }
}
