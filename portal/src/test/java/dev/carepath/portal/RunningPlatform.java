package dev.carepath.portal;

import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.eventing.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The deployables around a test's portal, each a process of its own from its jar (built before this module, see
 * portal/pom.xml): the partner simulator, the engine and the job-workers, wired as in production. The simulator's
 * signed webhooks come to the test's portal through a {@link TcpProxy}: the portal's random port is known only once
 * its application context is up, and that context needs the job-workers' address, so the simulator must start
 * first. Call {@link #webhooksTo(int)} with the portal's port before the first journey.
 */
public final class RunningPlatform implements AutoCloseable {

    /** The portal ITs' webhook secret (application-it.yml), which the simulator signs with. */
    private static final String WEBHOOK_SECRET = "it-webhook-secret";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TcpProxy webhooks;
    private final RunningApplication simulator;
    private final RunningApplication engine;
    private final RunningApplication workers;

    private RunningPlatform(TcpProxy webhooks, RunningApplication simulator, RunningApplication engine,
            RunningApplication workers) {
        this.webhooks = webhooks;
        this.simulator = simulator;
        this.engine = engine;
        this.workers = workers;
    }

    /** How the platform runs: the simulator's settings and the engine's environment, each added to the defaults. */
    public static final class Options {

        private final List<String> simulatorSettings = new ArrayList<>();
        private final List<String[]> engineEnvironment = new ArrayList<>();
        private final List<String> workerSettings = new ArrayList<>();

        /** A simulator setting, e.g. {@code simulator.pharmacy.dispense-delay=1h}. */
        public Options simulator(String setting) {
            simulatorSettings.add(setting);
            return this;
        }

        /** A job-workers setting, e.g. {@code carepath.workers.retries.attempts=1}. */
        public Options workers(String setting) {
            workerSettings.add(setting);
            return this;
        }

        /** An environment variable of the engine, e.g. {@code CAREPATH_FOLLOW_UP_UNIT=1s}. */
        public Options engine(String variable, String value) {
            engineEnvironment.add(new String[] {variable, value});
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    /** Starts the simulator, the engine and the job-workers, and waits until each is ready. */
    public static RunningPlatform start(Options options) throws IOException {
        TcpProxy webhooks = new TcpProxy();
        List<AutoCloseable> started = new ArrayList<>(List.of(webhooks));
        try {
            RunningApplication.Launch simulatorLaunch = RunningApplication
                    .jar("partner-simulator", System.getProperty("carepath.simulator.jar"))
                    .arg("--simulator.webhooks.target-url=http://127.0.0.1:" + webhooks.port())
                    .arg("--simulator.webhooks.secret=" + WEBHOOK_SECRET)
                    .maxHeap("256m").ready("/ledger/summary");
            options.simulatorSettings.forEach(setting -> simulatorLaunch.arg("--" + setting));
            RunningApplication.Launch engineLaunch = RunningApplication
                    .jar("engine", System.getProperty("carepath.engine.jar"))
                    .maxHeap("512m").ready("/actuator/health/readiness");
            options.engineEnvironment.forEach(variable -> engineLaunch.env(variable[0], variable[1]));

            // The simulator and the engine need nothing of each other, so they start side by side (a Spring Boot
            // start runs mostly on one thread); the workers, which need both addresses, start after them.
            CompletableFuture<RunningApplication> simulatorStart = inBackground(simulatorLaunch);
            RunningApplication engine;
            try {
                engine = engineLaunch.start();
            } catch (IOException | RuntimeException e) {
                simulatorStart.thenAccept(RunningApplication::close);
                throw e;
            }
            started.add(0, engine);
            RunningApplication simulator = awaited(simulatorStart);
            started.add(0, simulator);

            RunningApplication.Launch workersLaunch = RunningApplication
                    .jar("job-workers", System.getProperty("carepath.workers.jar"))
                    .env("CAREPATH_ENGINE_URL", engine.url())
                    .env("CAREPATH_PARTNERS_URL", simulator.url())
                    .ready("/actuator/health");
            options.workerSettings.forEach(setting -> workersLaunch.arg("--" + setting));
            RunningApplication workers = workersLaunch.start();
            return new RunningPlatform(webhooks, simulator, engine, workers);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable application : started) {
                try {
                    application.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Starts an application on a thread of its own (the common pool may have one thread on 2 cores). */
    private static CompletableFuture<RunningApplication> inBackground(RunningApplication.Launch launch) {
        CompletableFuture<RunningApplication> start = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                start.complete(launch.start());
            } catch (IOException | RuntimeException | Error e) {
                start.completeExceptionally(e);
            }
        }, "platform-start");
        starter.setDaemon(true);
        starter.start();
        return start;
    }

    /** The started application, or the start's own failure. */
    private static RunningApplication awaited(CompletableFuture<RunningApplication> start) throws IOException {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Scripts what the partners do for one order (the simulator's sandbox scenario, e.g.
     * {@code {"holdDispense": true}}), before the partners act on it.
     */
    public void scriptPartners(String orderId, String scenario) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url() + "/admin/scenarios/" + orderId))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(scenario)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the simulator refused the scenario: " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From now on, the simulator's webhooks reach the portal listening on {@code portalPort}. */
    public void webhooksTo(int portalPort) {
        webhooks.forwardTo(portalPort);
    }

    public RunningApplication simulator() {
        return simulator;
    }

    public RunningApplication engine() {
        return engine;
    }

    public RunningApplication workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.close();
        engine.close();
        simulator.close();
        webhooks.close();
    }
}
