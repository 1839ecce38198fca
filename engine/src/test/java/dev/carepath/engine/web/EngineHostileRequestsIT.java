package dev.carepath.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's part of the fuzz suite of issue 14: hostile requests against its REST API ({@code /engine-rest}) and
 * its own endpoints, over a plain socket so that any byte can go anywhere. No answer is a 5xx. Errors of the engine's
 * own endpoints and of Tomcat are carepath problems (contracts module, {@code ProblemTypes}); Operaton's REST API keeps
 * its own JSON error format ({@code {"type": "<exception>", "message": …}}), the documented exception. Prints the
 * requests per category and the statuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineHostileRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What the workers' account posts to (their external-task calls) and a few other endpoints. Starting a process
     * instance is left out: the workers' account may do it on this branch (a 500, no tenant), which the engine
     * authorization of issue 14 (defect 10) refuses with a 403.
     */
    private static final String[] REST_POSTS = {"/engine-rest/message", "/engine-rest/external-task/fetchAndLock",
            "/engine-rest/external-task/nope/complete", "/engine-rest/external-task/nope/failure",
            "/engine-rest/external-task/nope/bpmnError", "/engine-rest/external-task/nope/extendLock",
            "/engine-rest/task", "/engine-rest/decision-definition/key/eligibility/evaluate",
            // The workers' account may not start a journey: refused (403) before the engine reads the body.
            "/engine-rest/process-definition/key/patient-journey/start"};
    private static final String[] BODIES = {"", "{", "}", "[]", "null", "42", "\"x\"", "{\"a\":}", "{'a': 1}",
            "{\"messageName\": 123}", "{\"workerId\": [], \"maxTasks\": \"many\"}", "{\"variables\": {\"x\": {\"value\": "
            + "\"1\", \"type\": \"Nonsense\"}}}", "{\"variables\": {\"x\": {\"value\": {}, \"type\": \"Object\"}}}",
            "{\"businessKey\": \"" + "k".repeat(5000) + "\"}", "[".repeat(3000), "{\"a\":1}garbage",
            "{\"processInstanceId\": \"\\u0000\"}", "{\"messageName\": \"order.cancel-requested\", \"correlationKeys\": 5}"};
    private static final String[] CONTENT_TYPES = {"application/json", "*/*", "application/*", "text/plain",
            "application/xml", "multipart/form-data", "application/json; charset=bogus", ";", ""};

    @LocalServerPort
    int port;

    @Value("${carepath.engine.workers-user:jobworkers}")
    String workersUser;

    @Value("${carepath.engine.workers-password:workers-local}")
    String workersPassword;

    private record Answer(int status, String contentType, String body) {
    }

    @Test
    void hostileRequestsGetNoServerErrorAndAJsonError() {
        long seed = Long.getLong("carepath.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (workersUser + ":" + workersPassword).getBytes(StandardCharsets.UTF_8));
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int requests = Integer.getInteger("carepath.fuzz.engine-requests", 300);
        for (int i = 0; i < requests; i++) {
            String category;
            String request;
            switch (i % 6) {
                case 0 -> {
                    category = "rest-malformed";
                    String body = BODIES[random.nextInt(BODIES.length)];
                    request = post(REST_POSTS[random.nextInt(REST_POSTS.length)], basic, "application/json", body);
                }
                case 1 -> {
                    category = "rest-content-type";
                    request = post(REST_POSTS[random.nextInt(REST_POSTS.length)], basic,
                            CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], "{\"messageName\": \"x\"}");
                }
                case 2 -> {
                    category = "rest-credentials";
                    // Never the workers' user with a wrong password: Operaton locks a user out after failed logins.
                    String[] auth = {"", "Basic Zm9vOmJhcg==", "Basic !!!", "Bearer x", "Basic "
                            + Base64.getEncoder().encodeToString("intruder:guess".getBytes(StandardCharsets.UTF_8))};
                    request = post(REST_POSTS[random.nextInt(REST_POSTS.length)], auth[random.nextInt(auth.length)],
                            "application/json", "{}");
                }
                case 3 -> {
                    category = "header-bytes";
                    char odd = (char) (0x80 + random.nextInt(0x7F));
                    request = "GET /engine-rest/process-definition?key=" + "a" + " HTTP/1.1\r\nHost: x\r\n"
                            + "Authorization: " + basic + "\r\nX-Note: k" + odd + "\r\nConnection: close\r\n\r\n";
                }
                case 4 -> {
                    category = "huge-body";
                    request = post(REST_POSTS[random.nextInt(REST_POSTS.length)], basic, "application/json",
                            "{\"businessKey\": \"" + "x".repeat(200_000 + random.nextInt(800_000)) + "\"}");
                }
                default -> {
                    category = "paths-protocol";
                    String[] raw = {"GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "GET /engine-rest/{x} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "GET /actuator/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "GET /engine-rest/process-instance/nope HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic
                                    + "\r\nConnection: close\r\n\r\n",
                            "DELETE /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                            "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"};
                    request = raw[random.nextInt(raw.length)];
                }
            }
            Answer answer = exchange(request);
            statuses.computeIfAbsent(category, c -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
            String verdict = judge(request, answer);
            if (verdict != null) {
                failures.add(category + " " + request.substring(0, Math.min(70, request.indexOf('\r') < 0
                        ? request.length() : request.indexOf('\r'))) + ": " + verdict);
            }
        }
        System.out.printf("engine hostile-request fuzz: seed %d, %d requests%n", seed, requests);
        statuses.forEach((category, byStatus) -> System.out.printf("  %-18s %4d requests  statuses %s%n", category,
                byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus));
        System.out.printf("  failures: %d%n", failures.size());
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    /** Null when fine: no 5xx; an error is a carepath problem, or on /engine-rest Operaton's JSON error. */
    private static String judge(String request, Answer answer) {
        if (answer.status() >= 500 || answer.status() < 0) {
            return "status " + answer.status() + " " + abbreviate(answer.body());
        }
        if (answer.status() < 400) {
            return null; // a request the engine could serve (e.g. a query that is valid after all)
        }
        boolean rest = request.contains(" /engine-rest/") && !request.startsWith("GET /engine-rest/{x}");
        if (answer.contentType().startsWith("application/problem+json")) {
            return answer.body().contains("\"type\":\"https://carepath.dev/problems/") ? null
                    : "problem not of ours: " + abbreviate(answer.body());
        }
        if (rest && (answer.body().isEmpty() || answer.contentType().startsWith("application/json"))) {
            if (answer.body().isEmpty()) {
                return answer.status() == 401 ? null : "empty error body " + answer.status();
            }
            try {
                JsonNode error = JSON.readTree(answer.body());
                return error.has("type") && error.has("message") ? null : "not Operaton's error: "
                        + abbreviate(answer.body());
            } catch (IOException e) {
                return "error body is not JSON: " + abbreviate(answer.body());
            }
        }
        return "not a problem: " + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body());
    }

    private static String post(String path, String authorization, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + (authorization.isEmpty() ? "" : "Authorization: " + authorization + "\r\n")
                + (contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private Answer exchange(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // answered before the whole body was read
            }
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
                return new Answer(-1, "", raw);
            }
            String head = raw.substring(0, end);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            String body = raw.substring(end + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(raw.substring(9, 12)), contentType,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(-1, "", e.toString());
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int length = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (length == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + length));
            at = lineEnd + 2 + length + 2;
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\r\\n]+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
