package dev.carepath.portal.decisions;

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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real engine application ({@code engine/target/engine.jar}, built before this module: see portal/pom.xml) as a
 * process of its own, on a port it chooses, against the integration tests' database and virtual host. Its output
 * goes to {@code target/engine-it.log}.
 */
final class RunningEngine implements AutoCloseable {

    static final String WORKERS_USER = "jobworkers";
    static final String WORKERS_PASSWORD = "workers-local";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Spring Boot's line once the web server listens. */
    private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    private final long logOffset;
    private volatile int port;

    private RunningEngine(Process process, Path log, long logOffset, int port) {
        this.process = process;
        this.log = log;
        this.logOffset = logOffset;
        this.port = port;
    }

    /** Starts the engine on a port it chooses itself (a port chosen here could be taken before the engine binds it). */
    static RunningEngine start() throws IOException {
        return launch(0);
    }

    /** Stops this engine and starts the same application again on the same port (as a redeploy-free restart). */
    RunningEngine restart() throws IOException {
        close();
        return launch(port);
    }

    private static RunningEngine launch(int port) throws IOException {
        String jar = System.getProperty("carepath.engine.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the engine jar is not built: " + jar);
        }
        String database = System.getenv().getOrDefault("CAREPATH_TEST_DB", "carepath_test");
        Path log = Path.of("target", "engine-it.log");
        Files.createDirectories(log.getParent());
        long offset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of("CAREPATH_ENGINE_PORT", String.valueOf(port), "CAREPATH_DB", database,
                "CAREPATH_RABBIT_VHOST", database));
        RunningEngine engine = new RunningEngine(builder.start(), log, offset, port);
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (!engine.process.isAlive()) {
                    throw new IllegalStateException("the engine exited; see " + log.toAbsolutePath());
                }
                return engine.listening() && engine.healthy();
            });
            // The engine REST API initialises on its first call: make it before the tests time theirs.
            engine.asWorkers("GET", "/decision-definition?latestVersion=true", null);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** Whether the web server listens; learns the port from the log when the engine chose it. */
    private boolean listening() throws IOException {
        if (port != 0) {
            return true;
        }
        byte[] all = Files.readAllBytes(log);
        Matcher started = LISTENING.matcher(new String(all, (int) logOffset, all.length - (int) logOffset,
                StandardCharsets.UTF_8));
        if (started.find()) {
            port = Integer.parseInt(started.group(1));
            return true;
        }
        return false;
    }

    /** Base URL of the engine REST API. */
    String restUrl() {
        return "http://localhost:" + port + "/engine-rest";
    }

    /** An engine REST call as the workers' service account; returns the status and body. */
    HttpResponse<String> asWorkers(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (WORKERS_USER + ":" + WORKERS_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
