package dev.carepath.bench;

import java.util.List;
import java.util.Map;

/**
 * What one side of the bench measured (written as JSON, read by {@link Report}).
 *
 * @param side             {@code bare} or {@code platform}
 * @param label            what ran, e.g. "platform, 2 job-workers processes"
 * @param cyclesPerJourney cycles each journey bought (each a process instance of the model)
 * @param steps            the offered-load steps, in order
 * @param shape            per finished cycle: external tasks, business rule tasks, message waits, timers (from history)
 * @param endToEndMillis   per completed journey: offered (submitted) to its last cycle's end
 * @param pickupMillis     per external task: created to locked (engine history and the lock the task carried)
 * @param outboxLagMillis  per outbox row written while the steps ran: created to published (platform only)
 * @param cpuSeconds       CPU seconds per process (group) while the steps ran
 * @param machineCpuSeconds CPU seconds the whole machine spent meanwhile (every engineer's processes)
 */
record RunResult(String side, String label, int cyclesPerJourney, List<Step> steps, int journeysSubmitted,
                 int journeysCompleted, Map<String, Double> shape, List<Long> endToEndMillis, List<Long> pickupMillis,
                 List<Long> outboxLagMillis, Map<String, Double> cpuSeconds, double machineCpuSeconds) {

    /**
     * One step of offered load.
     *
     * @param offeredJourneysPerSecond journeys offered per second
     * @param seconds                  the step's length
     * @param submitted                journeys offered in it
     * @param cycles                   cycles (process instances) that ended in it
     * @param externalTasks            external tasks completed in it
     * @param commits                  PostgreSQL commits of the database in it ({@code pg_stat_database})
     * @param pickup                   pickup of the external tasks created in it: at a load the side keeps up with,
     *                                 the latency itself; above it, queueing
     * @param outboxLag                lag of the outbox rows written in it (platform only)
     */
    record Step(double offeredJourneysPerSecond, double seconds, int submitted, long cycles, long externalTasks,
                long commits, Latency pickup, Latency outboxLag) {

        double cyclesPerSecond() {
            return cycles / seconds;
        }

        double externalTasksPerSecond() {
            return externalTasks / seconds;
        }
    }

    /** How many values, their p50 and p99 (milliseconds; 0 without values). */
    record Latency(int count, double p50, double p99) {

        static Latency of(List<Long> millis) {
            Percentiles percentiles = new Percentiles(millis);
            return percentiles.count() == 0 ? new Latency(0, 0, 0)
                    : new Latency(percentiles.count(), percentiles.at(50), percentiles.at(99));
        }

        /** "p50 / p99", or "n/a" without values. */
        String text() {
            return count == 0 ? "n/a" : Percentiles.format(p50) + " / " + Percentiles.format(p99);
        }
    }

    /** The step with the most cycles per second: the side's throughput at saturation. */
    Step best() {
        return steps.stream().max((a, b) -> Double.compare(a.cyclesPerSecond(), b.cyclesPerSecond())).orElseThrow();
    }

    /**
     * CPU seconds per cycle ended while the steps ran (the drain is not in the CPU figures): the side's own processes
     * and its database's backends, the shared broker left out. On a machine shared with others' load, throughput
     * follows the CPU share the scheduler gives each side; this is what a cycle costs.
     */
    double cpuSecondsPerCycle() {
        long cycles = steps.stream().filter(step -> step.offeredJourneysPerSecond() > 0).mapToLong(Step::cycles).sum();
        double cpu = cpuSeconds.entrySet().stream().filter(entry -> !entry.getKey().startsWith("rabbitmq"))
                .mapToDouble(Map.Entry::getValue).sum();
        return cycles == 0 ? Double.NaN : cpu / cycles;
    }

    double commitsPerCycle() {
        long commits = steps.stream().mapToLong(Step::commits).sum();
        long cycles = steps.stream().mapToLong(Step::cycles).sum();
        return cycles == 0 ? Double.NaN : (double) commits / cycles;
    }
}
