package dev.carepath.portal.callbacks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant's webhook endpoint for the ITs, on loopback: {@code POST /<tenant>} records every attempt (headers and
 * body as received, when, and what it answered) and answers 204, or 500 while the tenant's failure budget lasts.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One attempt as received, and whether this receiver answered it with a 2xx. */
    record Attempt(String tenant, String id, String timestamp, String signature, String body, Instant at,
            boolean accepted) {
    }

    private final HttpServer server;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failingForGood = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tenant = exchange.getRequestURI().getPath().substring(1);
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean fail = failingForGood.getOrDefault(tenant, false)
                    || failuresLeft.getOrDefault(tenant, new AtomicInteger()).getAndDecrement() > 0;
            var headers = exchange.getRequestHeaders();
            attempts.add(new Attempt(tenant, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, Instant.now(), !fail));
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    /** The callback URL of {@code tenant} at this receiver. */
    String urlOf(String tenant) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + tenant;
    }

    /** The tenant's next {@code count} attempts are answered 500. */
    void failNext(String tenant, int count) {
        failuresLeft.put(tenant, new AtomicInteger(count));
    }

    /** Every attempt for the tenant is answered 500 (or, with false, none). */
    void failAlways(String tenant, boolean failing) {
        failingForGood.put(tenant, failing);
    }

    List<Attempt> attemptsOf(String tenant) {
        return attempts.stream().filter(a -> a.tenant().equals(tenant)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
