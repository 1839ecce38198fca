package dev.carepath.connectors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.connectors.testing.SimulatorTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The partner simulator keeps carepath's error contract (contracts module, {@code ProblemTypes}): every error answer,
 * its own, Spring MVC's and Tomcat's, is an RFC 9457 problem with a type of ours. Requests go over a plain socket so
 * that Tomcat's own refusals can be provoked.
 */
class SimulatorErrorsIT extends SimulatorTestBase {

    @LocalServerPort
    int port;

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void assertProblem(String answer, int status, String type) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"type\":\"https://carepath.dev/problems/" + type + "\"")
                .contains("\"status\":" + status).doesNotContain("<html");
    }

    @Test
    void springAndTomcatErrorsAreProblemsOfOurs() throws IOException {
        assertProblem(exchange("GET /nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not-found");
        assertProblem(exchange("DELETE /ledger/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405,
                "method-not-allowed");
        assertProblem(exchange("POST /telehealth/northstar-health/visits HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5\r\n\r\n{oops"), 400, "malformed-request");
        assertProblem(exchange("POST /telehealth/northstar-health/visits HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"), 415, "unsupported-media-type");
        // Tomcat's own, before any application code
        assertProblem(exchange("GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
        assertProblem(exchange("GET /{x} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
        assertProblem(exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
    }
}
