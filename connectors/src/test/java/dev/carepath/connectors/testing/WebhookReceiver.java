package dev.carepath.connectors.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.carepath.contracts.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the portal's webhook ingress: the JDK's HTTP server on a free port, recording every delivery
 * with its headers, and answering 200 unless told to fail the first deliveries of some event.
 */
public final class WebhookReceiver {

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresToServe = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer 500 to the first {@code times} deliveries whose body contains {@code marker}. */
    public void failFirst(String marker, int times) {
        failuresToServe.put(marker, new AtomicInteger(times));
    }

    /** Deliveries whose body contains {@code marker}, in arrival order. */
    public List<Delivery> deliveriesContaining(String marker) {
        return deliveries.stream().filter(delivery -> delivery.body().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = shouldFail(body) ? 500 : 200;
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                    body, status, Instant.now()));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private boolean shouldFail(String body) {
        return failuresToServe.entrySet().stream()
                .anyMatch(failure -> body.contains(failure.getKey()) && failure.getValue().getAndDecrement() > 0);
    }

    /** One delivery attempt as the receiver saw it, and what it answered. */
    public record Delivery(String path, String contentType, String timestamp, String signature, String body,
                           int answeredWith, Instant receivedAt) {

        public boolean accepted() {
            return answeredWith == 200;
        }
    }
}
