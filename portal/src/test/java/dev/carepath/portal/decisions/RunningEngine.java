package dev.carepath.portal.decisions;

import dev.carepath.eventing.testing.RunningApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The real engine application ({@code engine/target/engine.jar}, built before this module: see portal/pom.xml) as a
 * process of its own ({@link RunningApplication}), with its REST API called as the workers' service account.
 */
final class RunningEngine implements AutoCloseable {

    static final String WORKERS_USER = "jobworkers";
    static final String WORKERS_PASSWORD = "workers-local";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningApplication application;

    private RunningEngine(RunningApplication application) {
        this.application = application;
        // The engine REST API initialises on its first call: make it before the tests time theirs (a fetch for no
        // topic: the workers' account may call only the external-task endpoints).
        asWorkers("POST", "/external-task/fetchAndLock", "{\"workerId\":\"warm-up\",\"maxTasks\":1,\"topics\":[]}");
    }

    /** Starts the engine on a port it chooses itself. */
    static RunningEngine start() throws IOException {
        return new RunningEngine(RunningApplication.jar("engine", System.getProperty("carepath.engine.jar"))
                .maxHeap("512m").ready("/actuator/health/readiness").start());
    }

    /** Stops this engine and starts the same application again on the same port (as a redeploy-free restart). */
    RunningEngine restart() throws IOException {
        return new RunningEngine(application.restart());
    }

    /** Base URL of the engine REST API. */
    String restUrl() {
        return application.url() + "/engine-rest";
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

    @Override
    public void close() {
        application.close();
    }
}
