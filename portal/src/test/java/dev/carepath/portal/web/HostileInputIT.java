package dev.carepath.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.webhooks.WebhookSignature;
import dev.carepath.portal.PortalIntegrationSupport;
import dev.carepath.portal.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The defects of issue 14 that hostile input found at the portal's edge, each against the whole portal, with the
 * bytes sent raw where {@link java.net.http.HttpClient} refuses them ({@link RawHttp}): every answer is a 4xx
 * problem of ours, and nothing is stored.
 */
class HostileInputIT extends PortalIntegrationSupport {

    private static final String PROBLEMS = "https://carepath.dev/problems/";

    @Value("${carepath.webhooks.secret}")
    String secret;

    private String tenant;
    private String token;

    @BeforeEach
    void aTenant() {
        tenant = newTenant();
        token = agentToken(tenant);
    }

    private String validBody() {
        return journeyBody(tenant);
    }

    private RawHttp.Answer raw(String method, String target, Map<String, byte[]> headers, String body) {
        return raw(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Answer raw(String method, String target, Map<String, byte[]> headers, byte[] body) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("Authorization", ascii("Bearer " + token));
        all.put("Content-Type", ascii("application/json"));
        all.putAll(headers);
        return RawHttp.send(port, method, target, all, body);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private long ordersOfTenant() {
        return count("SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?", tenant);
    }

    private JsonNode problem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as("status of %s", answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem;
        try {
            problem = json.readTree(answer.text());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer.text(), e);
        }
        assertThat(problem.path("type").asText()).isEqualTo(PROBLEMS + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    // Defect 1: 5xx on bad input

    @Test
    void wildcardContentTypesAreUnsupportedAndStoreNothing() {
        for (String type : new String[] {"*/*", "application/*", "application", "json; charset=nonsense/x"}) {
            RawHttp.Answer answer = raw("POST", "/v1/journeys", Map.of("Content-Type", ascii(type),
                    "Idempotency-Key", ascii(UUID.randomUUID().toString())), validBody());
            problem(answer, 415, "unsupported-media-type");
        }
        assertThat(ordersOfTenant()).isZero();
    }

    @Test
    void headerValuesOutsidePrintableAsciiAreBadRequestsAndStoreNothing() {
        Map<String, byte[]> utf8Key = Map.of("Idempotency-Key", "schlüssel-1".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> latin1Control = Map.of("Idempotency-Key", new byte[] {'k', (byte) 0x85, '1'});
        Map<String, byte[]> unrelated = Map.of("Idempotency-Key", ascii(UUID.randomUUID().toString()),
                "X-Note", "café ☕".getBytes(StandardCharsets.UTF_8));
        for (Map<String, byte[]> headers : java.util.List.of(utf8Key, latin1Control, unrelated)) {
            JsonNode refused = problem(raw("POST", "/v1/journeys", headers, validBody()), 400, "malformed-request");
            assertThat(refused.path("errors").get(0).path("field").asText()).isIn("idempotency-key", "x-note");
        }
        // also on a read, and on a path without a body
        problem(raw("GET", "/v1/journeys/" + UUID.randomUUID(), Map.of("X-Note", new byte[] {(byte) 0xC3, (byte) 0xA9}),
                (byte[]) null), 400, "malformed-request");
        assertThat(ordersOfTenant()).isZero();
    }

    @Test
    void aNullEntitlementIsAValidationProblemAndNoTenant() {
        String newTenant = newTenant();
        Response refused = staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "n", "merchantAccount": "acct", "callbackUrl": "https://a.example/cb",
                 "entitlements": [null, {"therapy": "semaglutide", "states": [null]}]}""".formatted(newTenant));
        refused.assertProblem(400, "validation");
        assertThat(refused.json().path("errors").findValuesAsText("field"))
                .containsExactly("entitlements[0]", "entitlements[1].states[0]");
        assertThat(count("SELECT count(*) FROM tenants.tenant WHERE tenant_id = ?", newTenant)).isZero();
    }

    @Test
    void aControlByteInAWebhookSignatureIsRefusedAsAProblem() {
        long now = Instant.now().getEpochSecond();
        for (byte[] signature : new byte[][] {{'v', '1', '=', 0x01, 'a'}, {'v', '1', '=', (byte) 0x85, 'a'},
                "v1=ä".getBytes(StandardCharsets.UTF_8)}) {
            RawHttp.Answer answer = RawHttp.send(port, "POST", "/webhooks/pharmacy/pillbox-rx", Map.of(
                    "Content-Type", ascii("application/json"), WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)),
                    WebhookSignature.SIGNATURE_HEADER, signature), ascii("{}"));
            assertThat(answer.status()).as(answer.text()).isIn(400, 401);
            assertThat(answer.isProblem()).as(answer.text()).isTrue();
        }
    }

    // Defect 2 and 6: card numbers in escapes, headers, the query, and in more forms

    @Test
    void cardNumbersHiddenInJsonEscapesHeadersAndTheQueryAreRefusedAndStoreNothing() {
        String escaped = "\\u0034\\u0031\\u0031\\u0031\\u0031\\u0031\\u0031\\u0031\\u0031\\u0031\\u0031\\u0031"
                + "\\u0031\\u0031\\u0031\\u0031";
        String[] bodies = {
                journeyBody(tenant, escaped, "semaglutide", "TX", "tok_visa_4242"),
                journeyBody(tenant, "pat-1", "semaglutide", "TX", "tok_\\u0034242424242424242"),
                journeyBody(tenant, "pat-1", "semaglutide", "TX", "tok_4242_4242_4242_4242"),
                journeyBody(tenant, "pat-1 4242  4242  4242  4242", "semaglutide", "TX", "tok_visa_4242"),
                journeyBody(tenant, "pat-1 4242.4242.4242.4242", "semaglutide", "TX", "tok_visa_4242"),
                journeyBody(tenant, "pat-\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12"
                        + "\uFF14\uFF12\uFF14\uFF12", "semaglutide", "TX", "tok_visa_4242"),
                "{\"patientReference\": 4111111111111111, \"therapy\": \"semaglutide\"}"};
        for (String body : bodies) {
            problem(raw("POST", "/v1/journeys", Map.of("Idempotency-Key", ascii(UUID.randomUUID().toString())), body),
                    400, "card-data-refused");
        }
        problem(raw("POST", "/v1/journeys", Map.of("Idempotency-Key", ascii("4111111111111111")), validBody()),
                400, "card-data-refused");
        problem(raw("POST", "/v1/journeys", Map.of("Idempotency-Key", ascii(UUID.randomUUID().toString()),
                "X-Note", ascii("4111 1111 1111 1111")), validBody()), 400, "card-data-refused");
        problem(raw("GET", "/v1/journeys/" + UUID.randomUUID() + "?note=4111%201111%201111%201111", Map.of(),
                (byte[]) null), 400, "card-data-refused");
        problem(raw("GET", "/v1/journeys/" + UUID.randomUUID() + "?note=%34111111111111111", Map.of(), (byte[]) null),
                400, "card-data-refused");
        assertThat(ordersOfTenant()).isZero();
    }

    @Test
    void aCardNumberInTheIntakesAddressIsRefusedBeforeTheClinicalStore() {
        UUID journey = startJourney(tenant);
        String intake = """
                {"givenName": "A", "familyName": "B", "dateOfBirth": "1984-03-02",
                 "address": "12 Elm \\u0034\\u0032\\u0034\\u0032 4242 4242 4242", "email": "a@b.example",
                 "heightCm": 170, "weightKg": 95}""";
        problem(raw("PUT", "/v1/journeys/" + journey + "/intake", Map.of(), intake), 400, "card-data-refused");
    }

    @Test
    void idempotencyKeysAndIdsThatAreNoCardsPass() {
        // A UUID and a 16-digit number that fails the Luhn check are keys, not cards.
        for (String key : new String[] {UUID.randomUUID().toString(), "4111111111111112", "1733510000005"}) {
            RawHttp.Answer answer = raw("POST", "/v1/journeys", Map.of("Idempotency-Key", ascii(key)), validBody());
            assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        }
    }

    // Defect 3: every error answer is a problem of ours

    @Test
    void frameworkAndContainerErrorsAreProblemsOfOurs() {
        problem(raw("DELETE", "/v1/journeys", Map.of(), (byte[]) null), 405, "method-not-allowed");
        problem(raw("POST", "/v1/journeys", Map.of("Content-Type", ascii("text/plain"),
                "Idempotency-Key", ascii(UUID.randomUUID().toString())), validBody()), 415, "unsupported-media-type");
        problem(raw("POST", "/v1/journeys", Map.of("Accept", ascii("text/html"),
                "Idempotency-Key", ascii(UUID.randomUUID().toString())), validBody()), 406, "not-acceptable");
        problem(raw("GET", "/v1/nothing-here", Map.of(), (byte[]) null), 404, "not-found");
        problem(raw("GET", "/v1/journeys;jsessionid=1", Map.of(), (byte[]) null), 400, "malformed-request");
        problem(RawHttp.send(port, "GET", "/v1/journeys/" + UUID.randomUUID(), Map.of(), null), 401, "unauthorized");
        problem(raw("GET", "/v1/admin/tenants/" + tenant, Map.of(), (byte[]) null), 403, "insufficient-scope");
        problem(raw("POST", "/v1/journeys", Map.of("Idempotency-Key", ascii(UUID.randomUUID().toString())),
                "{\"pad\": \"" + "x".repeat(70_000) + "\"}"), 413, "payload-too-large");
        // the authorization server
        problem(RawHttp.send(port, "POST", "/oauth2/token", Map.of("Content-Type",
                ascii("application/x-www-form-urlencoded")), ascii("grant_type=client_credentials")), 401, "unauthorized");
        // Tomcat's own answers, before any application code
        assertThat(ordersOfTenant()).isZero();
        problem(RawHttp.exchange(port, ascii("GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
                400, "malformed-request");
        problem(RawHttp.exchange(port, ascii("GET /v1/{x}|<y> HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
                400, "malformed-request");
        problem(RawHttp.exchange(port, ascii("GET /v1 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n")), 400, "malformed-request");
        problem(RawHttp.exchange(port, ascii("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n")), 400, "malformed-request");
    }

    // Defect 5: strict JSON

    @Test
    void bodiesOfTheWrongShapeAreRefusedAndStoreNothing() {
        String[] malformed = {
                validBody() + "garbage",
                validBody() + " {}",
                journeyBody(tenant).replace("\"patientReference\": \"", "\"patientReference\": 123, \"x\": \""),
                "{\"patientReference\": 123, \"therapy\": \"semaglutide\", \"stateCode\": \"TX\","
                        + " \"paymentToken\": \"tok_visa_4242\"}",
                "{\"patientReference\": true, \"therapy\": \"semaglutide\", \"stateCode\": \"TX\","
                        + " \"paymentToken\": \"tok_visa_4242\"}",
                "{\"patientReference\": [\"p\"], \"therapy\": \"semaglutide\", \"stateCode\": \"TX\","
                        + " \"paymentToken\": \"tok_visa_4242\"}",
                "{\"tenantId\": \"someone-else\", \"tenantId\": \"" + tenant + "\", \"patientReference\": \"p\","
                        + " \"therapy\": \"semaglutide\", \"stateCode\": \"TX\", \"paymentToken\": \"tok_visa_4242\"}",
                journeyBody(tenant, "pat\\u0000-1", "semaglutide", "TX", "tok_visa_4242")};
        for (String body : malformed) {
            problem(raw("POST", "/v1/journeys", Map.of("Idempotency-Key", ascii(UUID.randomUUID().toString())), body),
                    400, "malformed-request");
        }
        JsonNode unknown = problem(raw("POST", "/v1/journeys", Map.of("Idempotency-Key",
                ascii(UUID.randomUUID().toString())), validBody().replace("{", "{\"discount\": 10, ")),
                400, "malformed-request");
        assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("discount");
        assertThat(ordersOfTenant()).isZero();
    }

    @Test
    void intakeAnswersAreReadStrictly() {
        UUID journey = startJourney(tenant);
        String intake = """
                {"givenName": %s, "familyName": "B", "dateOfBirth": %s, "address": "12 Elm Street",
                 "email": "a@b.example", "heightCm": 170, "weightKg": 95}""";
        String[][] wrong = {{"true", "\"1984-03-02\""}, {"\"A\"", "123"}, {"\"A\"", "[1984, 3, 2]"},
                {"\"A\"", "\"1984-03-02T00:00:00\""}, {"\"A\"", "\"1984-02-30\""}, {"\"A\"", "\"02/03/1984\""}};
        for (String[] values : wrong) {
            JsonNode refused = problem(raw("PUT", "/v1/journeys/" + journey + "/intake", Map.of(),
                    intake.formatted(values[0], values[1])), 400, "malformed-request");
            assertThat(refused.path("errors").get(0).path("field").asText()).isIn("givenName", "dateOfBirth");
        }
    }

    @Test
    void adminBodiesAreReadStrictlyToo() {
        String newTenant = newTenant();
        Response refused = staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "n", "merchantAccount": "acct", "callbackUrl": "https://a.example/cb",
                 "entitlements": [], "superuser": true}""".formatted(newTenant));
        refused.assertProblem(400, "malformed-request");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("superuser");
        assertThat(count("SELECT count(*) FROM tenants.tenant WHERE tenant_id = ?", newTenant)).isZero();
    }

    // Defect 7b: signed webhook bodies are bounded

    @Test
    void aSignedWebhookBodyOverTheLimitIsRefusedBeforeItIsParsed() {
        long before = count("SELECT count(*) FROM ingress.webhook_inbox");
        String eventId = "evt-" + UUID.randomUUID();
        byte[] body = ("{\"eventId\": \"" + eventId + "\", \"type\": \"rx.dispensed\", \"pad\": \""
                + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        RawHttp.Answer answer = RawHttp.send(port, "POST", "/webhooks/pharmacy/pillbox-rx", Map.of(
                "Content-Type", ascii("application/json"),
                WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)),
                WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, now, body))), body);
        problem(answer, 413, "payload-too-large");
        // chunked, with no length declared, too
        RawHttp.Answer chunked = RawHttp.exchange(port, chunkedWebhook(now, body));
        problem(chunked, 413, "payload-too-large");
        assertThat(count("SELECT count(*) FROM ingress.webhook_inbox WHERE partner_event_id = ?", eventId)).isZero();
        assertThat(count("SELECT count(*) FROM ingress.webhook_inbox")).isGreaterThanOrEqualTo(before);
    }

    @Test
    void aSignedWebhookWithANulCharacterIsAValidationProblemNotADatabaseFailure() {
        UUID journey = startJourney(tenant);
        byte[] body = ("{\"eventId\": \"evt-\\u0000-" + UUID.randomUUID() + "\", \"type\": \"visit.completed\","
                + " \"visitId\": \"vis-1\", \"clientReference\": \"" + journey + "\", \"outcome\": \"prescribed\","
                + " \"occurredAt\": \"2026-03-02T10:15:00Z\"}").getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        RawHttp.Answer answer = RawHttp.send(port, "POST", "/webhooks/telehealth/northstar-health", Map.of(
                "Content-Type", ascii("application/json"),
                WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)),
                WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, now, body))), body);
        JsonNode refused = problem(answer, 400, "validation");
        assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("eventId");
        assertThat(count("SELECT count(*) FROM ingress.webhook_inbox WHERE tenant_id = ?", tenant)).isZero();
    }

    private byte[] chunkedWebhook(long now, byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(ascii("POST /webhooks/pharmacy/pillbox-rx HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + WebhookSignature.TIMESTAMP_HEADER + ": " + now + "\r\n"
                + WebhookSignature.SIGNATURE_HEADER + ": " + WebhookSignature.sign(secret, now, body) + "\r\n\r\n"));
        for (int at = 0; at < body.length; at += 8192) {
            int length = Math.min(8192, body.length - at);
            out.writeBytes(ascii(Integer.toHexString(length) + "\r\n"));
            out.write(body, at, length);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }
}
