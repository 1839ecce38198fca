package dev.carepath.eventing.testing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a valid row for any table from the database catalog alone, so tests can cover tables they do
 * not know by name (including tables added later by other teams). Columns with a default keep it; every
 * other column gets a value of its type: a text column constrained to a list of literals gets the first,
 * a number column with a lower bound ({@code >= n}, {@code > n}) the least value it admits, and a
 * required single-column foreign key a parent row made the same way (same tenant), inserted first.
 * A table whose constraints defeat this makes the insert fail with the reason.
 */
final class SampleRows {

    private static final Pattern LITERAL = Pattern.compile("'([^']*)'::");
    private static final Pattern LOWER_BOUND = Pattern.compile("(>=?) \\(?(-?\\d+)\\)?");

    private record Column(String name, String type, String typeName, int length, boolean foreignKey,
            boolean notNull) {
    }

    private final JdbcTemplate superuser;

    SampleRows(JdbcTemplate superuser) {
        this.superuser = superuser;
    }

    /** Column name to SQL literal text (cast to the column type by {@link #insertSql}), tenant set to {@code tenantId}. */
    Map<String, String> row(String schema, String table, String tenantId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Column column : columns(schema, table)) {
            if (column.name().equals("tenant_id")) {
                values.put(column.name(), tenantId);
            } else if (!column.foreignKey()) {
                values.put(column.name(), value(schema, table, column));
            } else if (column.notNull()) {
                values.put(column.name(), parentKey(schema, table, column.name(), tenantId));
            }
        }
        return values;
    }

    /** {@code INSERT INTO schema.table (...) VALUES (?::type, ...)} for {@code row}, in its key order. */
    String insertSql(String schema, String table, Map<String, String> row) {
        Map<String, String> types = new LinkedHashMap<>();
        columns(schema, table).forEach(c -> types.put(c.name(), c.type()));
        List<String> casts = new ArrayList<>();
        row.keySet().forEach(name -> casts.add("?::" + types.get(name)));
        return "INSERT INTO " + schema + "." + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                + String.join(", ", casts) + ")";
    }

    private List<Column> columns(String schema, String table) {
        return superuser.query("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, a.atttypmod,
                       EXISTS (SELECT 1 FROM pg_constraint f WHERE f.conrelid = c.oid AND f.contype = 'f'
                               AND a.attnum = ANY (f.conkey)) AS foreign_key, a.attnotnull
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                  AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''
                ORDER BY a.attnum""",
                (rs, i) -> new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBoolean(5), rs.getBoolean(6)),
                schema, table);
    }

    private String value(String schema, String table, Column column) {
        String literal = checkLiteral(schema, table, column.name());
        return switch (column.typeName()) {
            case "text", "varchar" -> literal != null ? literal : "probe-" + UUID.randomUUID();
            case "bpchar" -> literal != null ? literal : "X".repeat(Math.max(1, column.length() - 4));
            case "uuid" -> UUID.randomUUID().toString();
            case "int2", "int4", "int8", "numeric", "float4", "float8" -> lowerBound(schema, table, column.name());
            case "timestamptz", "timestamp", "date" -> OffsetDateTime.now().toString();
            case "time" -> "08:00";
            case "bool" -> "true";
            case "json", "jsonb" -> "{}";
            case "bytea" -> "\\x01";
            case "_text", "_varchar" -> "{}";
            default -> throw new IllegalStateException(schema + "." + table + "." + column.name()
                    + ": no sample value for type " + column.type() + "; teach SampleRows this type");
        };
    }

    /** Inserts a sample parent row for a required foreign key and returns the key it was given. */
    private String parentKey(String schema, String table, String column, String tenantId) {
        List<Map<String, Object>> references = superuser.queryForList("""
                SELECT pn.nspname AS parent_schema, pc.relname AS parent_table, pa.attname AS parent_column
                FROM pg_constraint f
                JOIN pg_class c ON c.oid = f.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = f.conkey[1]
                JOIN pg_class pc ON pc.oid = f.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                JOIN pg_attribute pa ON pa.attrelid = pc.oid AND pa.attnum = f.confkey[1]
                WHERE f.contype = 'f' AND array_length(f.conkey, 1) = 1
                  AND n.nspname = ? AND c.relname = ? AND a.attname = ?""", schema, table, column);
        if (references.isEmpty()) {
            throw new IllegalStateException(schema + "." + table + "." + column
                    + ": a required foreign key over several columns; teach SampleRows to make its parent");
        }
        String parentSchema = (String) references.get(0).get("parent_schema");
        String parentTable = (String) references.get(0).get("parent_table");
        String parentColumn = (String) references.get(0).get("parent_column");
        Map<String, String> parent = row(parentSchema, parentTable, tenantId);
        return superuser.queryForObject(insertSql(parentSchema, parentTable, parent) + " RETURNING " + parentColumn
                + "::text", String.class, parent.values().toArray());
    }

    /** The least value a number column's single-column CHECK ({@code >= n} or {@code > n}) admits, else 1. */
    private String lowerBound(String schema, String table, String column) {
        long least = 1;
        for (String check : checks(schema, table, column)) {
            Matcher matcher = LOWER_BOUND.matcher(check);
            if (matcher.find()) {
                long bound = Long.parseLong(matcher.group(2));
                least = Math.max(least, matcher.group(1).equals(">=") ? bound : bound + 1);
            }
        }
        return Long.toString(least);
    }

    /** The first quoted literal of a CHECK constraint on {@code column} alone (e.g. a status list), if any. */
    private String checkLiteral(String schema, String table, String column) {
        for (String check : checks(schema, table, column)) {
            Matcher matcher = LITERAL.matcher(check);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private List<String> checks(String schema, String table, String column) {
        return superuser.queryForList("""
                SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND k.contype = 'c' AND array_length(k.conkey, 1) = 1
                  AND k.conkey[1] = (SELECT attnum FROM pg_attribute WHERE attrelid = c.oid AND attname = ?)""",
                String.class, schema, table, column);
    }
}
