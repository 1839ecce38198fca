package dev.carepath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./carepath bench}'s Java part; {@code deploy/bench/bench.sh} starts the stack and calls it:
 * <pre>
 *   bare     --jdbc URL --user U --password P --rates 2,4,8 --step-seconds 20 --cycles 2 --out FILE
 *   platform --jdbc URL --user U --password P --portal URL --simulator URL --label L --pids name=pid,... --out FILE
 *   waiting  --jdbc URL --user U --password P --count N [--templates T] [--copy all|runtime] [--reuse true]
 *            [--fire F] [--fire-few K] [--history H] --out FILE
 *   report   --runs FILE,FILE,... --out DIR [--pgbench-tps N] [--machine TEXT]
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (argv.length == 0) {
            throw new IllegalArgumentException("bench: bare, platform or report");
        }
        Map<String, String> args = options(Arrays.copyOfRange(argv, 1, argv.length));
        ObjectMapper json = new ObjectMapper();
        switch (argv[0]) {
            case "bare" -> {
                RunResult result;
                long lock = Long.parseLong(args.getOrDefault("lock-duration-ms", "20000"));
                int cycles = Integer.parseInt(args.getOrDefault("cycles", "2"));
                try (Measurements measurements = measurements(args, "public");
                     BareEngine engine = new BareEngine(args.get("jdbc"), args.get("user"), args.get("password"),
                             Integer.parseInt(args.getOrDefault("pool", "20")),
                             Duration.parse(args.getOrDefault("follow-up-unit", "PT0.1S")),
                             Integer.parseInt(args.getOrDefault("worker-threads", "4")),
                             Integer.parseInt(args.getOrDefault("max-tasks", "10")), lock, cycles,
                             args.getOrDefault("history", "full"), jobExecution(args))) {
                    measurements.installLockProbe();
                    result = new LoadSteps(measurements, engine::offer, Map.of(), "bare engine + workers + driver (one JVM)")
                            .run("bare", "bare Operaton, no-op workers", cycles, rates(args), step(args), drain(args), lock);
                }
                json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args.get("out")).toFile(), result);
                summary(result);
            }
            case "waiting" -> {
                Map<String, Object> result;
                try (BareEngine engine = new BareEngine(args.get("jdbc"), args.get("user"), args.get("password"),
                        Integer.parseInt(args.getOrDefault("pool", "20")), Duration.ofDays(7),
                        Integer.parseInt(args.getOrDefault("worker-threads", "4")),
                        Integer.parseInt(args.getOrDefault("max-tasks", "10")), 20_000, 2,
                        args.getOrDefault("history", "full"), jobExecution(args))) {
                    result = WaitingJourneys.run(engine, args.get("jdbc"), args.get("user"), args.get("password"),
                            Long.parseLong(args.get("count")), Long.parseLong(args.getOrDefault("templates", "2000")),
                            "runtime".equals(args.getOrDefault("copy", "all")),
                            Boolean.parseBoolean(args.getOrDefault("reuse", "false")),
                            Integer.parseInt(args.getOrDefault("fire", "10000")),
                            Integer.parseInt(args.getOrDefault("fire-few", "10")));
                }
                result.put("history", args.getOrDefault("history", "full"));
                result.put("jobExecution", jobExecution(args));
                json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args.get("out")).toFile(), result);
                System.out.println("  " + result);
            }
            case "platform" -> {
                long lock = Long.parseLong(args.getOrDefault("lock-duration-ms", "20000"));
                int cycles = Integer.parseInt(args.getOrDefault("cycles", "2"));
                RunResult result;
                try (Measurements measurements = measurements(args, "engine")) {
                    measurements.installLockProbe();
                    PlatformJourneys journeys = new PlatformJourneys(args.get("portal"), args.get("simulator"),
                            args.getOrDefault("platform-client", "platform-admin:platform-local-secret"), cycles);
                    result = new LoadSteps(measurements, journeys, pids(args.getOrDefault("pids", "")), "bench driver")
                            .run("platform", args.get("label"), cycles, rates(args), step(args), drain(args), lock);
                    if (journeys.refused() > 0) {
                        System.out.println("  the portal refused " + journeys.refused() + " offers");
                    }
                }
                json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args.get("out")).toFile(), result);
                summary(result);
            }
            case "report" -> {
                List<RunResult> runs = new ArrayList<>();
                for (String file : args.get("runs").split(",")) {
                    runs.add(json.readValue(Files.readString(Path.of(file)), RunResult.class));
                }
                double tps = args.containsKey("pgbench-tps") ? Double.parseDouble(args.get("pgbench-tps")) : Double.NaN;
                Path out = Path.of(args.get("out"));
                new Report(runs, tps, args.getOrDefault("machine", "")).write(out);
                System.out.println(Files.readString(out.resolve("results.md")).lines()
                        .filter(line -> line.startsWith("|")).limit(2 + runs.size())
                        .reduce("", (a, b) -> a + b + "\n"));
            }
            default -> throw new IllegalArgumentException("bench: unknown mode " + argv[0]);
        }
    }

    private static void summary(RunResult result) {
        RunResult.Step best = result.best();
        System.out.printf("  %s: %.2f cycles/s, %.1f external tasks/s at best; journeys %d offered, %d completed; "
                        + "end to end %s, pickup %s, outbox lag %s, %.1f commits per cycle%n", result.label(),
                best.cyclesPerSecond(), best.externalTasksPerSecond(), result.journeysSubmitted(),
                result.journeysCompleted(), new Percentiles(result.endToEndMillis()).p50p99(),
                new Percentiles(result.pickupMillis()).p50p99(), new Percentiles(result.outboxLagMillis()).p50p99(),
                result.commitsPerCycle());
    }

    private static Measurements measurements(Map<String, String> args, String schema) throws Exception {
        return new Measurements(args.get("jdbc"), args.get("user"), args.getOrDefault("password", ""),
                args.getOrDefault("schema", schema));
    }

    private static double[] rates(Map<String, String> args) {
        return Arrays.stream(args.getOrDefault("rates", "2,4,8").split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static Duration step(Map<String, String> args) {
        return Duration.ofSeconds(Long.parseLong(args.getOrDefault("step-seconds", "20")));
    }

    private static Duration drain(Map<String, String> args) {
        return Duration.ofSeconds(Long.parseLong(args.getOrDefault("drain-seconds", "120")));
    }

    /** Job executor settings given as --job-execution core-pool-size=3,max-jobs-per-acquisition=3,... */
    static Map<String, Integer> jobExecution(Map<String, String> args) {
        Map<String, Integer> settings = new LinkedHashMap<>();
        for (String pair : args.getOrDefault("job-execution", "").split(",")) {
            if (!pair.isBlank()) {
                String[] parts = pair.split("=", 2);
                settings.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return settings;
    }

    static Map<String, Long> pids(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                String[] parts = pair.split("=", 2);
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return pids;
    }

    static Map<String, String> options(String[] argv) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("bench: expected --name value, got " + argv[i]);
            }
            options.put(argv[i].substring(2), argv[++i]);
        }
        return options;
    }
}
