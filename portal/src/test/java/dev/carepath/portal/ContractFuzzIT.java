package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.webhooks.WebhookSignature;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The contract drives the test: for every operation of {@code openapi.yaml}, generators derived from the
 * document's own schemas (jqwik arbitraries built from each parameter and body schema) produce valid requests and
 * invalid ones (a required field dropped, a value of the wrong type, out of range or off its pattern, a malformed
 * parameter or id, a missing or wrong signature), sent with real tokens to a running portal, plus sequences
 * (start, get, list, cancel, get, cancel again). Every answer is checked against the document with Atlassian's
 * swagger-request-validator (the status is declared for the operation, the body conforms to its schema, the content
 * type is declared) and for 5xx; an invalid request must not be accepted. Any finding fails the run; the run prints
 * the operations covered, the requests sent and the findings.
 *
 * <p>The ITs' portal context points the clinical store and the engine at a closed port (application-it.yml), so
 * those calls answer their documented 503s without other processes running. Bounded: a fixed number of requests per
 * operation. Seeded ({@code -Dcarepath.fuzz.seed}, a new seed each run by default, always printed): every choice is
 * drawn from one {@link Random}; only idempotency keys stay unique per run.
 */
class ContractFuzzIT extends PortalIntegrationSupport {

    private static final int VALID_PER_OPERATION = 6;
    private static final int INVALID_PER_OPERATION = 6;
    private static final int SEQUENCES = 3;
    private static final List<String> MALFORMED_IDS = List.of("not-a-uuid", "%zz", "x", "00000000-0000-0000-0000");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${carepath.webhooks.secret}")
    String webhookSecret;

    private OpenAPI contract;
    private OpenApiInteractionValidator validator;
    private String agent;
    private String staff;
    private String tenant;
    private final List<String> journeys = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final Set<String> covered = new TreeSet<>();
    private int sent;
    private Random random;
    private int malformedIds;

    @Test
    void everyAnswerOfEveryOperationIsAsTheContractSays() throws IOException {
        long started = System.nanoTime();
        long seed = Long.getLong("carepath.fuzz.seed", System.nanoTime());
        random = new Random(seed);
        JqwikSession.start(Long.toString(seed)); // arbitraries outside a jqwik property need a session
        try {
            run(seed, started);
        } finally {
            JqwikSession.finish();
        }
    }

    private void run(long seed, long started) throws IOException {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/openapi.yaml")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        contract = new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        tenant = newTenant();
        agent = token(provisionedClient(tenant, List.of("journeys:write", "journeys:read", "phi:read")));
        staff = staffToken();

        for (int i = 0; i < SEQUENCES; i++) {
            sequence(i);
        }
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.equals("/oauth2/token")) {
                return; // Spring Authorization Server's endpoint; the support takes tokens from it throughout.
            }
            for (int i = 0; i < VALID_PER_OPERATION; i++) {
                exchange(path, method, operation, false);
            }
            for (int i = 0; i < INVALID_PER_OPERATION; i++) {
                exchange(path, method, operation, true);
            }
        }));

        long operations = contract.getPaths().values().stream().mapToLong(item -> item.readOperations().size()).sum();
        System.out.printf("contract test: seed %d, %d of %d operations covered, %d requests sent, %d findings, %d ms%n",
                seed, covered.size(), operations - 1, sent, findings.size(), (System.nanoTime() - started) / 1_000_000);
        findings.forEach(finding -> System.out.println("  finding: " + finding));
        assertThat(findings).as("answers that break the contract, seed %d", seed).isEmpty();
        assertThat(covered).as("operations covered").hasSize((int) operations - 1);
    }

    /** Start (generated body) → get → list → cancel → get → cancel again: each answer as the contract says. */
    private void sequence(int n) {
        Operation start = contract.getPaths().get("/v1/journeys").getPost();
        Map<String, Object> body = draw(object(
                start.getRequestBody().getContent().get("application/json").getSchema()));
        body.remove("intake"); // the clinical store is closed: the sequence follows an order-only start
        body.remove("tenantId");
        Answer started = send("POST", "/v1/journeys", Map.of("Idempotency-Key", "seq-" + UUID.randomUUID()),
                "application/json", json(body), agent);
        check("/v1/journeys", PathItem.HttpMethod.POST, started, false);
        if (started.status() == 202) {
            String id = started.json().path("journeyId").asText();
            journeys.add(id);
            check("/v1/journeys/" + id, PathItem.HttpMethod.GET, agentGet("/v1/journeys/" + id), false);
            check("/v1/journeys", PathItem.HttpMethod.GET, agentGet("/v1/journeys?limit=5"), false);
            for (int i = 0; i < 2; i++) {
                Answer cancelled = send("POST", "/v1/journeys/" + id + "/cancellation", Map.of(), null, null, agent);
                check("/v1/journeys/" + id + "/cancellation", PathItem.HttpMethod.POST, cancelled, false);
                if (cancelled.status() != 202) {
                    findings.add("sequence " + n + ": cancel answered " + cancelled.status());
                }
            }
            check("/v1/journeys/" + id, PathItem.HttpMethod.GET, agentGet("/v1/journeys/" + id), false);
        } else {
            findings.add("sequence " + n + ": a valid start answered " + started.status() + " " + started.body());
        }
    }

    /** One value of {@code arbitrary}, drawn from the run's seeded random. */
    private <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(100).next(random).value();
    }

    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private Answer agentGet(String path) {
        return send("GET", path, Map.of(), null, null, agent);
    }

    /** One generated request for the operation, valid or made invalid in one place, and its answer checked. */
    private void exchange(String pathTemplate, PathItem.HttpMethod method, Operation operation, boolean invalid) {
        List<Parameter> parameters = Optional.ofNullable(operation.getParameters()).orElse(List.of());
        boolean hasBody = operation.getRequestBody() != null;
        // What to break, for an invalid request: a parameter (by index) or the body (-1).
        List<Integer> breakable = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (breakable(parameters.get(i))) {
                breakable.add(i);
            }
        }
        if (hasBody) {
            breakable.add(-1);
        }
        boolean isWebhook = pathTemplate.startsWith("/webhooks/");
        if (invalid && breakable.isEmpty() && !isWebhook) {
            return; // nothing of this operation can be made invalid (e.g. a POST without parameters or body)
        }
        int broken = invalid && !breakable.isEmpty() ? draw(Arbitraries.of(breakable)) : Integer.MIN_VALUE;
        boolean breakSignature = invalid && isWebhook && (broken == Integer.MIN_VALUE || random.nextDouble() < 0.5);
        if (breakSignature) {
            broken = Integer.MIN_VALUE;
        }

        String path = pathTemplate;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            String value = i == broken ? invalidValue(parameter) : validValue(pathTemplate, parameter);
            if (value == null) {
                continue;
            }
            switch (parameter.getIn()) {
                case "path" -> path = path.replace("{" + parameter.getName() + "}",
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                case "query" -> query.add(parameter.getName() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                case "header" -> headers.put(parameter.getName(), value);
                default -> throw new IllegalStateException(parameter.getIn());
            }
        }
        String contentType = null;
        String body = null;
        if (hasBody) {
            contentType = operation.getRequestBody().getContent().keySet().iterator().next();
            Schema<?> schema = operation.getRequestBody().getContent().get(contentType).getSchema();
            body = contentType.contains("xml") ? dmn(broken == -1) : broken == -1
                    ? invalidBody(schema, Boolean.TRUE.equals(operation.getRequestBody().getRequired()))
                    : json(draw(value(schema)));
        }
        String token = pathTemplate.startsWith("/v1/admin/") ? staff : isWebhook ? null : agent;
        if (isWebhook) {
            long now = Instant.now().getEpochSecond();
            headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
            String signature = WebhookSignature.sign(webhookSecret, now, body.getBytes(StandardCharsets.UTF_8));
            headers.put(WebhookSignature.SIGNATURE_HEADER, breakSignature ? signature.replaceAll(".$", "0") + "0"
                    : signature);
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        Answer answer = send(method.name(), target, headers, contentType, body, token);
        covered.add(method + " " + pathTemplate);
        check(path, method, answer, invalid);
    }

    private boolean breakable(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        return "path".equals(parameter.getIn()) || Boolean.TRUE.equals(parameter.getRequired())
                || schema.getPattern() != null || schema.getMinimum() != null || schema.getFormat() != null
                || schema.getEnum() != null;
    }

    /** A value the parameter's schema admits, and one that names something that exists where it matters. */
    private String validValue(String path, Parameter parameter) {
        String name = parameter.getName();
        if ("path".equals(parameter.getIn())) {
            return switch (name) {
                case "id" -> journeys.isEmpty() || random.nextDouble() < 0.2 ? randomUuid()
                        : draw(Arbitraries.of(journeys));
                case "tenantId" -> random.nextDouble() < 0.7 ? tenant : draw(stringOf(parameter.getSchema()));
                case "group" -> draw(Arbitraries.of("portal-read-model", "portal-audit", "engine-orchestrator"));
                case "key" -> draw(Arbitraries.of("eligibility", "provider-routing", "titration"));
                default -> draw(stringOf(parameter.getSchema()));
            };
        }
        if (!Boolean.TRUE.equals(parameter.getRequired()) && random.nextDouble() < 0.5) {
            return null;
        }
        if (name.equals("Idempotency-Key")) {
            return "fuzz-" + UUID.randomUUID();
        }
        if (name.equals("tenantId") && path.contains("audit")) {
            return tenant;
        }
        if (name.equals("cursor")) {
            return null; // cursors come from answers (the sequences page with them)
        }
        if (parameter.getSchema().getPattern() != null && parameter.getExample() != null) {
            return String.valueOf(parameter.getExample());
        }
        try {
            return String.valueOf(draw(value(parameter.getSchema())));
        } catch (RuntimeException e) {
            throw new IllegalStateException("no value for parameter " + name + " of " + path + ": "
                    + parameter.getSchema(), e);
        }
    }

    private String invalidValue(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        if ("path".equals(parameter.getIn())) {
            // In turn, so that each form reaches many operations: the firewall refuses the encoded '%' of "%zz".
            return MALFORMED_IDS.get(malformedIds++ % MALFORMED_IDS.size());
        }
        if ("integer".equals(type(schema))) {
            return draw(Arbitraries.of("0", "-1", "1000", "abc", "1.5"));
        }
        if ("date-time".equals(schema.getFormat())) {
            return draw(Arbitraries.of("yesterday", "2026-13-01T00:00:00Z", "2026-01-01"));
        }
        if (Boolean.TRUE.equals(parameter.getRequired()) && random.nextDouble() < 0.5) {
            return null; // missing
        }
        // Only what the schema really refuses: "lower" is a fine patient reference, for one.
        List<String> refused = new ArrayList<>();
        for (String candidate : List.of("!! not valid !!", "lower", "x".repeat(300))) {
            if (!admits(schema, candidate)) {
                refused.add(candidate);
            }
        }
        if (refused.isEmpty()) {
            throw new IllegalStateException("no value breaks parameter " + parameter.getName() + ": " + schema);
        }
        return draw(Arbitraries.of(refused));
    }

    /** Whether a string parameter's schema admits the value (pattern, length and enum; the checks used here). */
    private static boolean admits(Schema<?> schema, String value) {
        if ("uuid".equals(schema.getFormat()) && !UUID_TEXT.matcher(value).matches()) {
            return false;
        }
        if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(value).find()) {
            return false;
        }
        if (schema.getMaxLength() != null && value.length() > schema.getMaxLength()) {
            return false;
        }
        if (schema.getMinLength() != null && value.length() < schema.getMinLength()) {
            return false;
        }
        return schema.getEnum() == null || schema.getEnum().stream().map(String::valueOf).anyMatch(value::equals);
    }

    /**
     * A body the schema refuses: a required field dropped, a wrong type, out of range, off its pattern, or no JSON.
     * An empty body is invalid only where the body is required (an optional one may be left out).
     */
    private String invalidBody(Schema<?> schema, boolean required) {
        if (!"object".equals(type(schema)) || schema.getProperties() == null) {
            return notJson(required);
        }
        Map<String, Object> body = draw(object(schema));
        List<String> requiredFields = Optional.ofNullable(schema.getRequired()).orElse(List.of());
        List<String> constrained = schema.getProperties().entrySet().stream()
                .filter(e -> e.getValue().getPattern() != null || e.getValue().getMaximum() != null
                        || e.getValue().getMaxLength() != null)
                .map(Map.Entry::getKey).toList();
        int mutation = draw(Arbitraries.integers().between(0, 3));
        if (mutation == 0 && !requiredFields.isEmpty()) {
            body.remove(draw(Arbitraries.of(requiredFields)));
        } else if (mutation == 1 && !constrained.isEmpty()) {
            String field = draw(Arbitraries.of(constrained));
            Schema<?> property = schema.getProperties().get(field);
            body.put(field, property.getMaximum() != null ? property.getMaximum().doubleValue() + 1000
                    : property.getMaxLength() != null ? "x".repeat(property.getMaxLength() + 1) : "!! not valid !!");
        } else if (mutation == 2 && !requiredFields.isEmpty()) {
            String field = draw(Arbitraries.of(requiredFields));
            body.put(field, "string".equals(type(schema.getProperties().get(field))) ? List.of(1, 2)
                    : "not a " + type(schema.getProperties().get(field)));
        } else {
            return notJson(required);
        }
        return json(body);
    }

    private String notJson(boolean bodyRequired) {
        List<String> choices = new ArrayList<>(List.of("not json", "[1, 2", "{\"unterminated\": "));
        if (bodyRequired) {
            choices.add("");
        }
        return draw(Arbitraries.of(choices));
    }

    /** A real decision table (valid, refused by the unreachable engine) or text that is no DMN. */
    private String dmn(boolean invalid) {
        if (invalid) {
            return draw(Arbitraries.of("", "<not-dmn/>", "not xml at all"));
        }
        try {
            return Files.readString(Path.of("../dmn/provider-routing.dmn"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- generators derived from the schemas ----

    @SuppressWarnings("unchecked")
    private Arbitrary<Object> value(Schema<?> schema) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Arbitraries.of((List<Object>) schema.getEnum());
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return value(schema.getOneOf().get(0));
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            return value(schema.getAnyOf().get(0));
        }
        return switch (Optional.ofNullable(type(schema)).orElse("object")) {
            case "object" -> object(schema).map(map -> (Object) map);
            case "array" -> value(schema.getItems()).list()
                    .ofMinSize(Optional.ofNullable(schema.getMinItems()).orElse(0))
                    .ofMaxSize(Math.min(3, Optional.ofNullable(schema.getMaxItems()).orElse(3)))
                    .map(list -> (Object) list);
            case "integer" -> Arbitraries.integers()
                    .between(schema.getMinimum() == null ? 0 : schema.getMinimum().intValue(),
                            schema.getMaximum() == null ? 1000 : schema.getMaximum().intValue())
                    .map(i -> (Object) i);
            case "number" -> Arbitraries.doubles()
                    .between(schema.getMinimum() == null ? 0 : schema.getMinimum().doubleValue(),
                            schema.getMaximum() == null ? 1000 : schema.getMaximum().doubleValue())
                    .ofScale(2).map(d -> (Object) d);
            case "boolean" -> Arbitraries.of(true, false).map(b -> (Object) b);
            default -> stringOf(schema).map(s -> (Object) s);
        };
    }

    private Arbitrary<Map<String, Object>> object(Schema<?> schema) {
        Map<String, Schema> properties = Optional.ofNullable(schema.getProperties()).orElse(Map.of());
        List<String> required = Optional.ofNullable(schema.getRequired()).orElse(List.of());
        List<String> names = new ArrayList<>(properties.keySet());
        List<Arbitrary<Optional<Object>>> values = new ArrayList<>();
        for (String name : names) {
            Arbitrary<Object> value = value(properties.get(name));
            values.add(required.contains(name) ? value.map(Optional::of) : value.optional());
        }
        if (values.isEmpty()) {
            return Arbitraries.just(new LinkedHashMap<>());
        }
        return Combinators.combine(values).as(generated -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                generated.get(i).ifPresent(v -> map.put(names.get(index), v));
            }
            return map;
        });
    }

    private static Arbitrary<String> stringOf(Schema<?> schema) {
        String format = Optional.ofNullable(schema.getFormat()).orElse("");
        switch (format) {
            case "date":
                return Arbitraries.integers().between(0, 25_000)
                        .map(days -> LocalDate.of(1935, 1, 1).plusDays(days).toString());
            case "date-time":
                return Arbitraries.integers().between(0, 3_000_000)
                        .map(s -> OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).minusMinutes(s).toString());
            case "uuid":
                return Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()).toString());
            case "email":
                return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                        .map(local -> local + "@example.com");
            default:
                break;
        }
        List<Object> examples = new ArrayList<>();
        if (schema.getExamples() != null) {
            examples.addAll(schema.getExamples());
        } else if (schema.getExample() != null) {
            examples.add(schema.getExample());
        }
        if (schema.getPattern() != null) {
            Pattern pattern = Pattern.compile(schema.getPattern());
            // Examples as parsed (text, or JSON text nodes printed with their quotes): those the pattern admits.
            List<String> matching = examples.stream().map(String::valueOf).map(e -> e.replaceAll("^\"|\"$", ""))
                    .filter(e -> pattern.matcher(e).find()).toList();
            if (!matching.isEmpty()) {
                return Arbitraries.of(matching);
            }
            return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(2)
                    .ofMaxLength(12).filter(s -> pattern.matcher(s).find());
        }
        if (!examples.isEmpty()) {
            return Arbitraries.of(examples.stream().map(String::valueOf).map(e -> e.replaceAll("^\"|\"$", ""))
                    .toList());
        }
        int min = Math.max(1, Optional.ofNullable(schema.getMinLength()).orElse(1));
        int max = Math.max(min, Math.min(24, Optional.ofNullable(schema.getMaxLength()).orElse(24)));
        return Arbitraries.strings().alpha().numeric().withChars(' ', '-').ofMinLength(min).ofMaxLength(max)
                .filter(s -> !s.isBlank());
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        return schema.getProperties() != null ? "object" : null;
    }

    // ---- sending and checking ----

    private record Answer(int status, String contentType, String body, Map<String, List<String>> headers,
            JsonNode parsed) {
        JsonNode json() {
            return parsed;
        }
    }

    private Answer send(String method, String target, Map<String, String> headers, String contentType, String body,
            String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + target))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            sent++;
            JsonNode parsed = null;
            try {
                parsed = response.body().isEmpty() ? null : json.readTree(response.body());
            } catch (IOException e) {
                // not JSON: the validator judges it
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(String path, PathItem.HttpMethod method, Answer answer, boolean invalidRequest) {
        String what = method + " " + path + " → " + answer.status();
        if (answer.status() >= 500 && answer.status() != 503) {
            findings.add(what + ": a server error " + answer.body());
        }
        if (invalidRequest && answer.status() < 400) {
            findings.add(what + ": an invalid request was accepted");
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status());
        if (answer.contentType() != null) {
            response.withContentType(answer.contentType());
        }
        if (!answer.body().isEmpty()) {
            response.withBody(answer.body());
        }
        answer.headers().forEach((name, values) -> response.withHeader(name, values));
        ValidationReport report = validator.validateResponse(path.replaceAll("\\?.*", ""),
                Request.Method.valueOf(method.name()), response.build());
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> findings.add(what + ": " + message.getKey() + " " + message.getMessage()));
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String staffToken() {
        HttpRequest.Builder probe = asStaff(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")));
        return probe.build().headers().firstValue("Authorization").orElseThrow().substring("Bearer ".length());
    }
}
