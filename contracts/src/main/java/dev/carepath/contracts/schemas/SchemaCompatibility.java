package dev.carepath.contracts.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a new revision of an event schema stays compatible within its major version: only additive
 * changes are allowed. Breaking, and reported: a field that is removed, a field whose type (or
 * format) changes, and a field that becomes required (events published under the old revision would
 * no longer conform). Nested objects and array items are compared the same way.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** The breaking changes from {@code baseline} to {@code current}, each as one line; empty when compatible. */
    public static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", baseline, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<String> problems) {
        if (!typesOf(before).equals(typesOf(after))) {
            problems.add(path + ": type changed from " + typesOf(before) + " to " + typesOf(after));
            return;
        }
        if (!before.path("format").equals(after.path("format"))) {
            problems.add(path + ": format changed from " + text(before.path("format")) + " to "
                    + text(after.path("format")));
        }
        JsonNode oldProperties = before.path("properties");
        JsonNode newProperties = after.path("properties");
        oldProperties.fieldNames().forEachRemaining(name -> {
            if (!newProperties.has(name)) {
                problems.add(path + "." + name + ": removed");
            } else {
                compare(path + "." + name, oldProperties.get(name), newProperties.get(name), problems);
            }
        });
        Set<String> wasRequired = strings(before.path("required"));
        for (String name : strings(after.path("required"))) {
            if (!wasRequired.contains(name)) {
                problems.add(path + "." + name + ": became required");
            }
        }
        if (before.has("items") && after.has("items")) {
            compare(path + "[]", before.get("items"), after.get("items"), problems);
        } else if (before.has("items")) {
            problems.add(path + "[]: item schema removed");
        }
    }

    private static Set<String> typesOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> types = new HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() ? "none" : node.asText();
    }
}
