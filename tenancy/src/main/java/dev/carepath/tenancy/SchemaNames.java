package dev.carepath.tenancy;

import java.util.regex.Pattern;

/** Schema and role names are spliced into SQL, so only plain lower-case identifiers are accepted. */
public final class SchemaNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** {@code schema} if it is a plain lower-case identifier; otherwise an {@link IllegalArgumentException}. */
    public static String checked(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return schema;
    }

    private SchemaNames() {
    }
}
