package dev.carepath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static RunResult run(String side, String label, long cycles, List<Long> outboxLag) {
        return new RunResult(side, label, 2,
                List.of(new RunResult.Step(1, 10, 10, cycles / 2, cycles * 2, cycles * 5,
                                RunResult.Latency.of(List.of(4L, 6L)), RunResult.Latency.of(outboxLag.subList(0,
                                        Math.min(1, outboxLag.size())))),
                        new RunResult.Step(2, 10, 20, cycles, cycles * 5, cycles * 10,
                                RunResult.Latency.of(List.of(12_000L, 30_000L)), RunResult.Latency.of(List.of()))),
                30, 25, Map.of("cycles", 50.0, "externalTasks", 5.0, "businessRuleTasks", 2.5, "messageWaits", 2.0,
                        "timers", 0.5),
                List.of(1000L, 2000L), List.of(5L, 10L), outboxLag, Map.of("engine", 4.0), 8.0);
    }

    @Test
    void theTableSetsEachPlatformRunAgainstTheBareEnginesBestStep() {
        RunResult bare = run("bare", "bare", 40, List.of());
        RunResult platform = run("platform", "platform, 1 job-workers process", 10, List.of(20L, 40L));
        String markdown = new Report(List.of(bare, platform), 900, "2 CPUs.").markdown();
        // bare: best step 40 cycles in 10 s = 4.00/s; platform 1.00/s: a ratio of 0.25
        assertThat(markdown).contains("| bare | 4.00 | 20.0 | 1.00 (the ceiling) |");
        // CPU: 4 s of the engine over 60 (bare) or 15 (platform) cycles; the platform costs 4x the CPU per cycle
        assertThat(markdown).contains("| platform, 1 job-workers process | 1.00 | 5.0 | 0.25 | 1000 ms / 2000 ms "
                + "| 5 ms / 10 ms | 20 ms / 40 ms | 10.0 | 10 | 0.27 | 0.25 |");
        assertThat(markdown).contains("pgbench simple-update: 900 tps").contains("engine 4 s (50 %)");
        // per step: the latencies of what was created in it; the bare engine has no outbox
        assertThat(markdown).contains("| bare | 1.0 | 10 | 2.00 | 8.0 | 20 | 4 ms / 6 ms | no outbox |")
                .contains("| platform, 1 job-workers process | 1.0 | 10 | 0.50 | 2.0 | 5 | 4 ms / 6 ms | 20 ms / 20 ms |")
                .contains("| platform, 1 job-workers process | 2.0 | 20 | 1.00 | 5.0 | 10 | 12.0 s / 30.0 s | n/a |");
    }

    @Test
    void withoutTheBareEngineThePlatformRunsHaveNoRatioInsteadOfTheFirstBecomingTheCeiling() {
        RunResult one = run("platform", "platform, 1 job-workers process", 10, List.of(20L, 40L));
        RunResult two = run("platform", "platform, 2 job-workers processes", 20, List.of(20L, 40L));
        String markdown = new Report(List.of(one, two), Double.NaN, "2 CPUs.").markdown();
        assertThat(markdown).doesNotContain("the ceiling")
                .contains("| platform, 1 job-workers process | 1.00 | 5.0 | no bare run |")
                .contains("| platform, 2 job-workers processes | 2.00 | 10.0 | no bare run |")
                .contains("pgbench simple-update: not run");
    }
}
