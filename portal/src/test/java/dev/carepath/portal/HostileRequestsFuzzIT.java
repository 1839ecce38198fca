package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.webhooks.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The fuzz suite of issue 14: a generator-driven run of hostile requests against every endpoint and header of the
 * portal (agent API, staff API, token endpoint) and its webhook ingress, each one a request that must be refused.
 * Asserts, over all of them: no 5xx, no success, every answer an RFC 9457 problem with a type of ours, no row of the
 * portal's own tables (schemas {@code tenants}, {@code orders}, {@code ingress}, {@code decisions}) changed, and no
 * request with another tenant's token reading or changing anything. Prints the requests per category and the
 * statuses. The generator is seeded ({@code -Dcarepath.fuzz.seed}, a new seed each run by default, always printed)
 * and sends {@code -Dcarepath.fuzz.requests} requests (default 1,200), over raw sockets so that any byte can go
 * anywhere ({@link RawHttp}).
 */
class HostileRequestsFuzzIT extends PortalIntegrationSupport {

    private static final String OURS = "https://carepath.dev/problems/";
    private static final String[] PANS = {"4111111111111111", "4242 4242 4242 4242", "5555-5555-5555-4444",
            "378282246310005", "tok_4242_4242_4242_4242", "4242  4242  4242  4242", "4242.4242.4242.4242",
            "\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12",
            "6011111111111117", "4222222222222"};
    private static final String[] CONTENT_TYPES = {"*/*", "application/*", "text/plain", "application/xml",
            "multipart/form-data", "application/x-www-form-urlencoded", "json", "application/json; charset=bogus/x",
            "", ";", "application/json, text/plain", "application/json; charset=bogus", "text/html"};

    @Value("${carepath.webhooks.secret}")
    String secret;

    private Random random;
    private String tenant;
    private String otherTenant;
    private String agent;
    private String otherAgent;
    private String readOnly;
    private UUID journey;

    /** One hostile request, its category, and what its answer must be beyond "refused as our problem". */
    private record Attempt(String category, String method, String target, Map<String, byte[]> headers, byte[] body,
            String mustBeType, byte[] rawRequest) {
    }

    @Test
    void hostileRequestsAreRefusedAsProblemsAndChangeNothing() throws IOException {
        long seed = Long.getLong("carepath.fuzz.seed", System.nanoTime());
        int requests = Integer.getInteger("carepath.fuzz.requests", 1200);
        random = new Random(seed);
        tenant = newTenant();
        otherTenant = newTenant();
        agent = agentToken(tenant);
        otherAgent = agentToken(otherTenant);
        readOnly = token(provisionedClient(tenant, List.of("journeys:read")));
        journey = startJourney(tenant);
        String staff = asStaff(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost")))
                .build().headers().firstValue("Authorization").orElseThrow().substring("Bearer ".length());

        List<Supplier<Attempt>> generators = generators(staff);
        Map<String, Long> before = rowCounts();
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int crossTenantSuccesses = 0;
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            Attempt attempt = generators.get(i % generators.size()).get();
            RawHttp.Answer answer = attempt.rawRequest() != null ? RawHttp.exchange(port, attempt.rawRequest())
                    : RawHttp.send(port, attempt.method(), attempt.target(), attempt.headers(), attempt.body());
            statuses.computeIfAbsent(attempt.category(), c -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
            String verdict = judge(attempt, answer);
            if (verdict != null) {
                failures.add(attempt.category() + " " + attempt.method() + " " + abbreviate(attempt.target()) + ": "
                        + verdict + (attempt.body() == null ? "" : " (body: " + abbreviate(new String(attempt.body(),
                        StandardCharsets.UTF_8)) + ")"));
            }
            if (attempt.category().equals("cross-tenant") && answer.status() < 400) {
                crossTenantSuccesses++;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> after = rowCounts();

        System.out.printf("hostile-request fuzz: seed %d, %d requests in %d ms%n", seed, requests, millis);
        statuses.forEach((category, byStatus) -> System.out.printf("  %-16s %5d requests  statuses %s%n", category,
                byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus));
        long fiveHundreds = statuses.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        System.out.printf("  5xx: %d, not refused as our problem: %d, cross-tenant successes: %d, tables changed: %s%n",
                fiveHundreds, failures.size(), crossTenantSuccesses, changed(before, after));

        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(crossTenantSuccesses).isZero();
        assertThat(after).as("row counts of the portal's tables, seed %d", seed).isEqualTo(before);
    }

    /** Null when the answer is what a refused hostile request must get, else what is wrong with it. */
    private String judge(Attempt attempt, RawHttp.Answer answer) {
        if (answer.status() < 400 || answer.status() >= 500) {
            return "status " + answer.status() + " " + abbreviate(answer.text());
        }
        if (!answer.isProblem()) {
            return "not a problem: " + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.text());
        }
        try {
            JsonNode problem = json.readTree(answer.body());
            String type = problem.path("type").asText();
            if (!type.startsWith(OURS) || problem.path("status").asInt() != answer.status()) {
                return "problem not of ours: " + abbreviate(answer.text());
            }
            if (attempt.mustBeType() != null && !type.equals(OURS + attempt.mustBeType())) {
                return "expected " + attempt.mustBeType() + ", got " + answer.status() + " " + type;
            }
        } catch (IOException e) {
            return "problem body is not JSON: " + abbreviate(answer.text());
        }
        return null;
    }

    private List<Supplier<Attempt>> generators(String staff) {
        List<Supplier<Attempt>> all = new ArrayList<>();
        all.add(() -> malformedJson(staff));
        all.add(() -> wrongTypes(staff));
        all.add(this::hugeOrDeep);
        all.add(this::hostileHeaderBytes);
        all.add(() -> oddContentType(staff));
        all.add(this::panInBody);
        all.add(this::panInHeaderOrQuery);
        all.add(this::webhook);
        all.add(this::webhook);
        all.add(this::crossTenant);
        all.add(() -> missingScopeOrToken(staff));
        all.add(this::oddPathOrMethod);
        all.add(this::rawProtocol);
        return all;
    }

    // --- the endpoints and their valid bodies, which the generators spoil ---------------------------------------

    private record Endpoint(String method, String path, String validBody, boolean staff) {
    }

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/v1/journeys", journeyBody(tenant), false),
                new Endpoint("PUT", "/v1/journeys/" + journey + "/intake", """
                        {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02",
                         "address": "12 Elm Street", "email": "ada@example.com", "heightCm": 170, "weightKg": 95,
                         "comorbidities": ["hypertension"], "contraindications": []}""", false),
                new Endpoint("POST", "/v1/admin/tenants", """
                        {"tenantId": "%s", "name": "Fuzz", "merchantAccount": "acct_fuzz",
                         "callbackUrl": "https://fuzz.example/cb",
                         "entitlements": [{"therapy": "semaglutide", "states": ["TX"]}]}""".formatted(newTenant()), true),
                new Endpoint("PUT", "/v1/admin/tenants/" + tenant + "/entitlements",
                        "{\"entitlements\": [{\"therapy\": \"semaglutide\", \"states\": [\"TX\"]}]}", true),
                new Endpoint("POST", "/v1/admin/tenants/" + tenant + "/clients",
                        "{\"name\": \"fuzz\", \"scopes\": [\"journeys:read\"]}", true));
    }

    private Endpoint anyEndpoint() {
        List<Endpoint> endpoints = endpoints();
        return endpoints.get(random.nextInt(endpoints.size()));
    }

    private Map<String, byte[]> headersFor(Endpoint endpoint, String staff) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", ascii("Bearer " + (endpoint.staff() ? staff : agent)));
        headers.put("Content-Type", ascii("application/json"));
        headers.put("Idempotency-Key", ascii(UUID.randomUUID().toString()));
        return headers;
    }

    private Attempt attempt(String category, Endpoint endpoint, Map<String, byte[]> headers, byte[] body,
            String mustBe) {
        return new Attempt(category, endpoint.method(), endpoint.path(), headers, body, mustBe, null);
    }

    // --- generators ----------------------------------------------------------------------------------------------

    private Attempt malformedJson(String staff) {
        Endpoint endpoint = anyEndpoint();
        String valid = endpoint.validBody();
        String body = switch (random.nextInt(8)) {
            case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 2)); // cut short
            case 1 -> valid + pick("garbage", " {}", "]", ",", "\u0000", " 1", "null");
            case 2 -> valid.replaceFirst("\\{", "{\"" + firstKey(valid) + "\": \"dup\", "); // a key twice
            case 3 -> valid.replaceFirst("\\{", "{\"" + pick("discount", "role", "admin", "tenant", "x") + "\": 1, ");
            case 4 -> pick("", " ", "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"a\":}", "{'a': 1}",
                    "{\"a\" 1}", "[{]", "{\"a\":1,}");
            case 5 -> valid.replace("\"", "'");
            case 6 -> valid.replace(":", "=");
            default -> new String(randomBytes(1 + random.nextInt(200)), StandardCharsets.ISO_8859_1);
        };
        return attempt("malformed-json", endpoint, headersFor(endpoint, staff), body.getBytes(StandardCharsets.UTF_8),
                null);
    }

    private Attempt wrongTypes(String staff) {
        Endpoint endpoint = anyEndpoint();
        String valid = endpoint.validBody();
        List<String> keys = keys(valid);
        String key = keys.get(random.nextInt(keys.size()));
        String wrong = pick("123", "-1", "1e999", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\": 1}", "\"nul\\u0000\"",
                "[1984, 3, 2]", "\"1984-03-02T10:00:00Z\"", "99999999999999999999999", "0.5");
        JsonNode tree;
        try {
            tree = json.readTree(valid);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Only a value of another JSON type than the valid one (a string stays refused only if it is no string).
        JsonNode current = tree.path(key);
        if (current.isTextual() && wrong.startsWith("\"") && !wrong.contains("u0000")) {
            wrong = "123";
        }
        if ((current.isArray() && wrong.startsWith("[")) || (current.isNumber() && !wrong.matches("[\\[{tf\"].*"))) {
            wrong = "{\"nested\": true}";
        }
        String body = valid.replaceFirst("\"" + key + "\":\\s*(\"[^\"]*\"|\\[[^\\]]*\\]|[-0-9.]+|true|false|null)",
                "\"" + key + "\": " + java.util.regex.Matcher.quoteReplacement(wrong));
        return attempt("wrong-types", endpoint, headersFor(endpoint, staff), body.getBytes(StandardCharsets.UTF_8),
                null);
    }

    private Attempt hugeOrDeep() {
        Endpoint endpoint = endpoints().get(random.nextInt(2));
        String body = switch (random.nextInt(4)) {
            case 0 -> "{\"patientReference\": \"" + "x".repeat(70_000 + random.nextInt(200_000)) + "\"}";
            case 1 -> "[".repeat(2_000 + random.nextInt(20_000)) + "]".repeat(100);
            case 2 -> "{\"a\":".repeat(2_000 + random.nextInt(8_000)) + "1" + "}".repeat(100);
            default -> endpoint.validBody().replace("\"Ada\"", "\"" + "A".repeat(5_000) + "\"")
                    .replace("semaglutide", "s".repeat(5_000));
        };
        return attempt("huge-deep", endpoint, headersFor(endpoint, null), body.getBytes(StandardCharsets.UTF_8), null);
    }

    private Attempt hostileHeaderBytes() {
        Endpoint endpoint = endpoints().get(random.nextInt(2));
        Map<String, byte[]> headers = headersFor(endpoint, null);
        String header = pick("Idempotency-Key", "X-Note", "Accept", "Content-Type", "User-Agent", "X-Request-Id");
        byte[] value = switch (random.nextInt(5)) {
            case 0 -> "schlüssel-ü".getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {'k', (byte) (0x80 + random.nextInt(0x20)), 'z'};
            case 2 -> new byte[] {'k', (byte) (0x7F), 'z'};
            case 3 -> "键-☕-🙂".getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {'a', (byte) (0xA0 + random.nextInt(0x5F)), 'b'};
        };
        headers.put(header, value);
        return attempt("header-bytes", endpoint, headers, endpoint.validBody().getBytes(StandardCharsets.UTF_8),
                "malformed-request");
    }

    private Attempt oddContentType(String staff) {
        Endpoint endpoint = anyEndpoint();
        Map<String, byte[]> headers = headersFor(endpoint, staff);
        headers.put("Content-Type", ascii(CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]));
        return attempt("content-type", endpoint, headers, endpoint.validBody().getBytes(StandardCharsets.UTF_8), null);
    }

    private Attempt panInBody() {
        Endpoint endpoint = endpoints().get(random.nextInt(2));
        String valid = endpoint.validBody();
        List<String> keys = keys(valid);
        String key = keys.get(random.nextInt(keys.size()));
        String pan = PANS[random.nextInt(PANS.length)];
        String value = switch (random.nextInt(4)) {
            case 0 -> "\"" + escaped(pan) + "\"";
            case 1 -> "\"ref " + pan + "\"";
            case 2 -> pan.matches("\\d+") ? pan : "\"" + pan + "\"";
            default -> "\"tok_" + escaped(pan.replace(' ', '_')) + "\"";
        };
        String body = random.nextInt(5) == 0
                ? valid.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{\"" + escaped(pan) + "\": 1, "))
                : valid.replaceFirst("\"" + key + "\":\\s*(\"[^\"]*\"|\\[[^\\]]*\\]|[-0-9.]+|true|false|null)",
                        "\"" + key + "\": " + java.util.regex.Matcher.quoteReplacement(value));
        return attempt("pan-body", endpoint, headersFor(endpoint, null), body.getBytes(StandardCharsets.UTF_8),
                "card-data-refused");
    }

    private Attempt panInHeaderOrQuery() {
        Endpoint endpoint = endpoints().get(random.nextInt(2));
        Map<String, byte[]> headers = headersFor(endpoint, null);
        String pan = PANS[random.nextInt(PANS.length)];
        String target = endpoint.path();
        if (random.nextBoolean() && !pan.matches(".*[^\\x20-\\x7E].*")) {
            headers.put(pick("Idempotency-Key", "X-Note", "X-Client-Reference", "User-Agent"), ascii(pan));
        } else {
            StringBuilder encoded = new StringBuilder();
            pan.chars().forEach(c -> encoded.append(c >= '0' && c <= '9' && random.nextBoolean() ? "%3" + (char) c
                    : java.net.URLEncoder.encode(String.valueOf((char) c), StandardCharsets.UTF_8)));
            target = target + "?" + pick("note", "ref", "card", "q") + "=" + encoded;
        }
        return new Attempt("pan-header-query", endpoint.method(), target, headers,
                endpoint.validBody().getBytes(StandardCharsets.UTF_8), "card-data-refused", null);
    }

    private Attempt webhook() {
        String path = random.nextBoolean() ? "/webhooks/pharmacy/pillbox-rx" : "/webhooks/telehealth/northstar-health";
        String event = """
                {"eventId": "evt-%s", "type": "%s", "clientReference": "%s", "visitId": "vis-1", "outcome": "prescribed",
                 "pharmacyPrescriptionId": "pp-1", "messageId": "m-1", "carrier": "UPS", "trackingNumber": "1Z",
                 "occurredAt": "2026-03-02T10:15:00Z"}""".formatted(UUID.randomUUID(),
                path.contains("pharmacy") ? "shipment.shipped" : "visit.completed", UUID.randomUUID());
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Content-Type", ascii("application/json"));
        String mustBe = null;
        switch (random.nextInt(9)) {
            case 0 -> mustBe = "invalid-signature"; // unsigned
            case 1 -> { // replayed: a signature of another body
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, now,
                        event.replace("evt-", "evt-x").getBytes(StandardCharsets.UTF_8))));
                mustBe = "invalid-signature";
            }
            case 2 -> { // skewed: correctly signed, an hour or more away
                long skewed = now + (random.nextBoolean() ? 1 : -1) * (3600L + random.nextInt(100_000));
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(skewed)));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, skewed, body)));
                mustBe = "stale-webhook";
            }
            case 3 -> { // signed with another secret
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign("guess", now, body)));
                mustBe = "invalid-signature";
            }
            case 4 -> { // control and non-ASCII bytes in the signature headers
                headers.put(WebhookSignature.TIMESTAMP_HEADER, new byte[] {'1', (byte) 0x85, '2'});
                headers.put(WebhookSignature.SIGNATURE_HEADER, "v1=ä".getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> { // correctly signed, too large
                byte[] huge = (event.substring(0, event.length() - 1) + ", \"pad\": \""
                        + "x".repeat(70_000 + random.nextInt(500_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, now, huge)));
                body = huge;
                mustBe = "payload-too-large";
            }
            case 6 -> { // correctly signed, malformed or a duplicate key
                body = pick(event + "garbage", event.replaceFirst("\\{", "{\"type\": \"x\", "), "[]", "{",
                        event.substring(0, 40), event.replace("\"evt-", "\"evt-\\u0000"))
                        .getBytes(StandardCharsets.UTF_8);
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, now, body)));
            }
            case 7 -> { // correctly signed, for no order of ours
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(Long.toString(now)));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(WebhookSignature.sign(secret, now, body)));
                mustBe = "not-found";
            }
            default -> { // a signature header that is no signature
                headers.put(WebhookSignature.TIMESTAMP_HEADER, ascii(pick("", "abc", "-1", "1e9", "99999999999999999999")));
                headers.put(WebhookSignature.SIGNATURE_HEADER, ascii(pick("", "v1=", "v2=00", ",,,", "v1=zz")));
                mustBe = "invalid-signature";
            }
        }
        return new Attempt("webhook", "POST", path, headers, body, mustBe, null);
    }

    private Attempt crossTenant() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", ascii("Bearer " + otherAgent));
        headers.put("Content-Type", ascii("application/json"));
        return switch (random.nextInt(5)) {
            case 0 -> new Attempt("cross-tenant", "GET", "/v1/journeys/" + journey, headers, null, "not-found", null);
            case 1 -> new Attempt("cross-tenant", "POST", "/v1/journeys/" + journey + "/cancellation", headers,
                    new byte[0], "not-found", null);
            case 2 -> new Attempt("cross-tenant", "PUT", "/v1/journeys/" + journey + "/intake", headers,
                    endpoints().get(1).validBody().getBytes(StandardCharsets.UTF_8), "not-found", null);
            case 3 -> new Attempt("cross-tenant", "GET", "/v1/journeys/" + journey + "/prescription?purpose=treatment",
                    headers, null, null, null);
            default -> {
                headers.put("Idempotency-Key", ascii(UUID.randomUUID().toString()));
                yield new Attempt("cross-tenant", "POST", "/v1/journeys", headers,
                        journeyBody(tenant).getBytes(StandardCharsets.UTF_8), "tenant-mismatch", null);
            }
        };
    }

    private Attempt missingScopeOrToken(String staff) {
        Endpoint endpoint = anyEndpoint();
        Map<String, byte[]> headers = headersFor(endpoint, staff);
        String mustBe;
        switch (random.nextInt(4)) {
            case 0 -> {
                headers.remove("Authorization");
                mustBe = "unauthorized";
            }
            case 1 -> {
                headers.put("Authorization", ascii(pick("Bearer ", "Bearer x.y.z", "Basic Zm9vOmJhcg==", "Bearer "
                        + agent.substring(0, agent.length() - 3) + "abc", "bearer", "Bearer " + agent + "x")));
                mustBe = "unauthorized";
            }
            case 2 -> { // a token without the scope: read-only on writes, an agent's on staff endpoints
                headers.put("Authorization", ascii("Bearer " + (endpoint.staff() ? agent : readOnly)));
                mustBe = "insufficient-scope";
            }
            default -> { // another tenant's token on staff endpoints, staff's token is no agent's
                headers.put("Authorization", ascii("Bearer " + (endpoint.staff() ? otherAgent : staff)));
                mustBe = null;
            }
        }
        return attempt("scope-token", endpoint, headers, endpoint.validBody().getBytes(StandardCharsets.UTF_8), mustBe);
    }

    private Attempt oddPathOrMethod() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", ascii("Bearer " + agent));
        String[][] odd = {{"DELETE", "/v1/journeys/" + journey}, {"PATCH", "/v1/journeys"}, {"PUT", "/v1/journeys"},
                {"GET", "/v1/journeys/../admin/tenants"}, {"GET", "/v1/journeys/%2e%2e/admin"},
                {"GET", "/v1/journeys/" + journey + "%2Fintake"}, {"GET", "/v1//journeys/" + journey},
                {"GET", "/v1/journeys/" + journey + ";x=1"}, {"GET", "/v1/nowhere"}, {"POST", "/v1/admin/../journeys"},
                {"GET", "/v1/journeys/not-a-uuid"}, {"GET", "/v1/journeys/%00"}, {"TRACE", "/v1/journeys"},
                {"FOO", "/v1/journeys"}, {"GET", "/v1/journeys/" + journey + "/prescription"},
                {"GET", "/v1/journeys/" + journey + "/prescription?purpose=curiosity"},
                {"POST", "/webhooks/pharmacy/UPPER"}, {"GET", "/webhooks/pharmacy/pillbox-rx"},
                {"POST", "/webhooks/unknown/x"}, {"GET", "/oauth2/token"}, {"GET", "/error"}};
        String[] pick = odd[random.nextInt(odd.length)];
        return new Attempt("path-method", pick[0], pick[1], headers, pick[0].equals("POST") ? ascii("{}") : null, null,
                null);
    }

    private Attempt rawProtocol() {
        String request = switch (random.nextInt(6)) {
            case 0 -> "GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 1 -> "GET /v1/{x}|<y> HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 2 -> "GET /v1 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9_000 + random.nextInt(30_000))
                    + "\r\nConnection: close\r\n\r\n";
            case 3 -> "GET /" + "a".repeat(9_000 + random.nextInt(30_000)) + " HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n";
            case 4 -> "POST /v1/journeys HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n"
                    + "Connection: close\r\n\r\n{}{}{}";
            default -> "POST /v1/journeys HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        };
        return new Attempt("raw-protocol", "RAW", request.substring(0, Math.min(40, request.length())), Map.of(), null,
                null, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Rows per table of the portal's own schemas, through the superuser (row-level security does not hide any). */
    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> table : jdbc.queryForList("SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_schema IN ('tenants', 'orders', 'ingress', 'decisions') AND table_type = 'BASE TABLE'"
                + " AND table_name NOT LIKE 'flyway%'")) {
            String name = table.get("table_schema") + "." + table.get("table_name");
            counts.put(name, count("SELECT count(*) FROM " + name));
        }
        return counts;
    }

    private static Map<String, String> changed(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> changed = new TreeMap<>();
        after.forEach((table, rows) -> {
            if (!rows.equals(before.get(table))) {
                changed.put(table, before.get(table) + " -> " + rows);
            }
        });
        return changed;
    }

    private List<String> keys(String body) {
        try {
            List<String> keys = new ArrayList<>();
            json.readTree(body).fieldNames().forEachRemaining(keys::add);
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String firstKey(String body) {
        return keys(body).get(0);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\r\\n]+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
