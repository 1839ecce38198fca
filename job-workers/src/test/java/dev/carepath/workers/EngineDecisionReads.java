package dev.carepath.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine REST API's two decision reads the workers make (the latest version of a decision, a version's XML),
 * answered as Operaton answers them, for the worker ITs, which run without an engine (the tests hand the workers
 * their tasks). Starts with the shipped eligibility table as version 1; {@link #deploy} makes another version the
 * latest, as a deployment through the portal would. The real engine answers these calls in the engine's
 * EngineAuthorizationIT and in the portal's ConsoleBrowserIT, where a table deployed in the console decides the next
 * journey.
 */
final class EngineDecisionReads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LATEST = Pattern.compile("/engine-rest/decision-definition/key/([^/]+)");
    private static final Pattern XML = Pattern.compile("/engine-rest/decision-definition/([^/]+)/xml");

    private final HttpServer server;
    private final String user;
    private final String password;
    private final List<String> versions = new CopyOnWriteArrayList<>();
    private volatile boolean unavailable;

    EngineDecisionReads(String user, String password) {
        this.user = user;
        this.password = password;
        versions.add(shippedEligibility());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/engine-rest/", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/engine-rest";
    }

    /** Makes {@code xml} the latest version of the eligibility decision; returns its version number. */
    int deploy(String xml) {
        versions.add(xml);
        return versions.size();
    }

    /** While {@code true}, every call is answered 503, as an engine that is starting or overloaded answers. */
    void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** Puts the shipped table in force again, as a new version. */
    int deployShipped() {
        return deploy(shippedEligibility());
    }

    static String shippedEligibility() {
        try (InputStream table = EngineDecisionReads.class.getResourceAsStream("/dmn/eligibility.dmn")) {
            return new String(table.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, Map.of("type", "AuthenticationException", "message", "unauthorized"));
            return;
        }
        if (unavailable) {
            send(exchange, 503, Map.of("type", "ServiceUnavailable", "message", "the engine is unavailable"));
            return;
        }
        Matcher latest = LATEST.matcher(path);
        Matcher xml = XML.matcher(path);
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, Map.of("type", "InvalidRequestException", "message", "method"));
        } else if (xml.matches()) {
            String id = xml.group(1);
            int version = Integer.parseInt(id.split(":")[1]);
            send(exchange, 200, Map.of("id", id, "dmnXml", versions.get(version - 1)));
        } else if (latest.matches() && latest.group(1).equals("eligibility")) {
            int version = versions.size();
            send(exchange, 200, Map.of("id", "eligibility:" + version + ":deployment-" + version,
                    "key", "eligibility", "version", version));
        } else {
            send(exchange, 404, Map.of("type", "RestException", "message", "no decision definition at " + path));
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
