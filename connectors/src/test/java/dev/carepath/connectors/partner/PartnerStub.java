package dev.carepath.connectors.partner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner on a real socket: the JDK's HTTP server on a free port, answering every request with the status it
 * is told to (a JSON body), or not at all until {@link #close()}, and counting the requests that reached it.
 */
final class PartnerStub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile boolean answering = true;

    PartnerStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer every request with this status from now on. */
    void answer(int newStatus) {
        status = newStatus;
        answering = true;
    }

    /** Hold every request from now on, without an answer, until the stub is closed. */
    void stopAnswering() {
        answering = false;
    }

    /** How many requests reached the partner. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (!answering && !awaitRelease()) {
                return;
            }
            int answer = status;
            byte[] body = (answer / 100 == 2 ? "{\"value\":\"pong\"}" : "{\"error\":\"stub_" + answer + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private boolean awaitRelease() {
        try {
            return released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
