package dev.carepath.portal.ingress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.portal.web.Problems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A partner's JSON body, read field by field. Missing or malformed fields are collected and reported
 * together as one 400 {@code validation} problem; the values themselves are never echoed.
 */
final class WebhookBody {

    static final int MAX_LENGTH = 200;

    private final JsonNode root;
    private final List<Problems.FieldError> errors = new ArrayList<>();

    private WebhookBody(JsonNode root) {
        this.root = root;
    }

    /**
     * The body as one JSON object. Read strictly for its syntax (nothing after the object, no key twice: a signed
     * body must mean one thing) but tolerant of fields we do not read: partners add fields to their events without
     * notice, and an event we can act on must not be refused for them.
     *
     * @throws org.springframework.web.ErrorResponseException 400 when the body is not one JSON object
     */
    static WebhookBody parse(ObjectMapper json, byte[] body) {
        try {
            JsonNode root = body.length == 0 ? null : json.reader()
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
            if (root == null || !root.isObject()) {
                throw Problems.malformed("The webhook body must be a JSON object.");
            }
            return new WebhookBody(root);
        } catch (IOException e) {
            throw Problems.malformed("The webhook body is not valid JSON.");
        }
    }

    String required(String field) {
        String value = optional(field);
        if (value == null && errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new Problems.FieldError(field, "is required"));
        }
        return value;
    }

    String optional(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_LENGTH
                || node.asText().chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problems.FieldError(field, "must be a non-blank string of at most " + MAX_LENGTH
                    + " characters, none a control character"));
            return null;
        }
        return node.asText();
    }

    String oneOf(String field, Set<String> allowed) {
        String value = required(field);
        if (value != null && !allowed.contains(value)) {
            errors.add(new Problems.FieldError(field, "must be one of: " + String.join(", ", allowed.stream()
                    .sorted().toList())));
            return null;
        }
        return value;
    }

    /** @throws org.springframework.web.ErrorResponseException 400 listing every field read wrongly so far */
    void requireValid() {
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
    }
}
