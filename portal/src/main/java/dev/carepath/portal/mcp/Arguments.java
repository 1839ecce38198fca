package dev.carepath.portal.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.portal.web.Problems;
import java.util.Map;

/**
 * A tool call's arguments. Read as the record a tool takes, converted the way the REST API reads a JSON body (with
 * the portal's object mapper: unknown fields inside an object are ignored, as in a REST body; unknown arguments are
 * refused before, by {@link ToolCalls}); an argument of the wrong JSON type is 400 {@code malformed-request}, and no
 * message quotes a value (arguments may be PHI, a patient reference or a payment token).
 */
final class Arguments {

    private final Map<String, Object> values;
    private final ObjectMapper json;

    Arguments(Map<String, Object> values, ObjectMapper json) {
        this.values = values == null ? Map.of() : values;
        this.json = json;
    }

    Map<String, Object> values() {
        return values;
    }

    /**
     * The arguments as {@code type}.
     *
     * @throws org.springframework.web.ErrorResponseException 400 {@code malformed-request} when an argument is not of
     *         the JSON type the tool's input schema gives
     */
    <T> T as(Class<T> type) {
        try {
            return json.convertValue(values, type);
        } catch (IllegalArgumentException e) {
            // Never e's message: Jackson's quote the offending value.
            throw Problems.malformed("An argument is not of the type the tool's input schema gives"
                    + " (e.g. text where a number is expected, or an impossible date).");
        }
    }

    /** 400 {@code validation} naming {@code name} when it is missing or blank. */
    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw Problems.validation(name, "is required");
        }
        return value;
    }
}
