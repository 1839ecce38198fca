package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The job-workers' HTTP side (the clinical store's internal API, actuator) keeps carepath's error contract
 * (contracts module, {@code ProblemTypes}): every error answer, its own, Spring MVC's and Tomcat's, is an RFC 9457
 * problem with a type of ours, and a refused intake stores nothing. Requests go over a plain socket so that Tomcat's
 * own refusals and bytes {@link java.net.http.HttpClient} will not send can be provoked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class InternalApiErrorsIT extends WorkerTestSupport {

    @LocalServerPort
    int port;

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertProblem(String answer, int status, String type) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"type\":\"https://carepath.dev/problems/" + type + "\"")
                .doesNotContain("<html");
    }

    private String intakePut(String orderId, String contentType, String body) {
        String basic = Base64.getEncoder().encodeToString((intakeUser + ":" + intakePassword)
                .getBytes(StandardCharsets.UTF_8));
        return "PUT /internal/clinical/intakes/tenant-errors/" + orderId + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\nAuthorization: Basic " + basic + "\r\nContent-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    @Test
    void frameworkAndContainerErrorsAreProblemsOfOursAndStoreNothing() throws IOException {
        String orderId = UUID.randomUUID().toString();
        assertProblem(exchange(intakePut(orderId, "text/plain", "hello")), 415, "unsupported-media-type");
        assertProblem(exchange(intakePut(orderId, "application/json", "{oops")), 400, "malformed-request");
        assertProblem(exchange("DELETE /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405,
                "method-not-allowed");
        assertProblem(exchange("GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "malformed-request");
        assertProblem(exchange("GET /{x} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
        assertProblem(exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM clinical.intake WHERE order_id = ?", Long.class,
                orderId)).isZero();
    }
}
