package dev.carepath.eventing.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A carepath deployable (a Spring Boot jar built earlier in the reactor) run as a process of its own for an
 * integration test, as it runs in production: its own JVM, its own configuration, talking to the test over the
 * network. It chooses its own port (a port chosen here could be taken before it binds it) and runs against the
 * integration tests' database and virtual host ({@code CAREPATH_TEST_DB}, default {@code carepath_test}). Its output
 * is appended to {@code target/<database>/<name>-it.log}, which a test may read (say, to scan it for PHI): one file
 * per database, as two test runs of one module on two databases at once (the test command's lanes) each read their
 * own applications' output.
 *
 * <pre>{@code
 * RunningApplication workers = RunningApplication.jar("job-workers", System.getProperty("carepath.workers.jar"))
 *         .env("CAREPATH_ENGINE_URL", engineUrl).ready("/actuator/health/readiness").start();
 * }</pre>
 */
public final class RunningApplication implements AutoCloseable {

    /** The connection pool of every deployable a test launches. */
    static final int POOL_SIZE = 6;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Spring Boot's line once the web server listens. */
    private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");

    /** Spring Boot's line once the application context has started. */
    private static final Pattern STARTED = Pattern.compile("Started \\S+ in [0-9.]+ seconds");

    /** The processes started and not yet stopped: stopped with the test JVM if it ends before closing them. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "running-applications-stop"));
    }

    private final Launch launch;
    private final Process process;
    private final long logOffset;
    private volatile int port;

    private RunningApplication(Launch launch, Process process, long logOffset, int port) {
        this.launch = launch;
        this.process = process;
        this.logOffset = logOffset;
        this.port = port;
    }

    /** An application to launch from {@code jar} (a path, usually from a system property the build sets). */
    public static Launch jar(String name, String jar) {
        return new Launch(name, jar);
    }

    /** The base URL of the application's web server, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The file the process writes its output to (shared by every start of this application in this build). */
    public Path log() {
        return launch.log();
    }

    /** What this process wrote to its log so far, since it started. */
    public String output() {
        try {
            byte[] all = Files.readAllBytes(launch.log());
            return new String(all, (int) logOffset, all.length - (int) logOffset, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + launch.log(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process and starts the same application again on the same port. */
    public RunningApplication restart() throws IOException {
        close();
        return launch.start(port);
    }

    /** Kills the process at once, as a crash would (SIGKILL): no shutdown hook, no graceful stop. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!process.isAlive()) {
                LIVE.remove(process);
            }
        }
    }

    private boolean ready() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(launch.name + " exited with " + process.exitValue() + "; see "
                    + launch.log().toAbsolutePath());
        }
        String output = output();
        if (port == 0) {
            Matcher listening = LISTENING.matcher(output);
            if (!listening.find()) {
                return false;
            }
            port = Integer.parseInt(listening.group(1));
        }
        if (!STARTED.matcher(output).find()) {
            return false;
        }
        return launch.readinessPath == null || answersOk(launch.readinessPath);
    }

    private boolean answersOk(String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How to start one application; {@link #start()} may be called more than once (each a new process). */
    public static final class Launch {

        private final String name;
        private final String jar;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();
        private String readinessPath;
        private String maxHeap = "384m";
        private Duration startTimeout = Duration.ofMinutes(4);

        private final String database = System.getenv().getOrDefault("CAREPATH_TEST_DB", "carepath_test");

        private Launch(String name, String jar) {
            this.name = name;
            this.jar = jar;
            environment.put("CAREPATH_DB", database);
            environment.put("CAREPATH_RABBIT_VHOST", database);
        }

        /** An environment variable of the process (the deployables read their settings from the environment). */
        public Launch env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /** A command-line argument, e.g. {@code --simulator.telehealth.visit-completion-delay=100ms}. */
        public Launch arg(String argument) {
            arguments.add(argument);
            return this;
        }

        /** A path that must answer 200 before the application counts as started, e.g. a readiness probe. */
        public Launch ready(String path) {
            this.readinessPath = path;
            return this;
        }

        public Launch maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        public Launch startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Starts the application on a port it chooses and waits until it is ready. */
        public RunningApplication start() throws IOException {
            return start(0);
        }

        private RunningApplication start(int port) throws IOException {
            if (jar == null || !new File(jar).isFile()) {
                throw new IllegalStateException("the " + name + " jar is not built: " + jar
                        + " (the build sets its path; run the module's integration tests through Maven)");
            }
            Files.createDirectories(log().getParent());
            long offset = Files.exists(log()) ? Files.size(log()) : 0;
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--server.port=" + port,
                    // A test launches several deployables beside its own Spring contexts, all on one PostgreSQL of
                    // 100 connections: a small pool each.
                    "--spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            LIVE.add(process);
            RunningApplication application = new RunningApplication(this, process, offset, port);
            try {
                await().atMost(startTimeout).pollInterval(Duration.ofMillis(500)).until(application::ready);
            } catch (RuntimeException e) {
                application.close();
                throw e;
            }
            return application;
        }

        private Path log() {
            return Path.of("target", database, name + "-it.log");
        }
    }
}
