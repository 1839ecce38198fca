package dev.carepath.eventing.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Looks for a test patient's PHI sentinels (values no other data could contain by chance: a made-up name, birth
 * date, street, e-mail) where PHI must never be. Each finding names the place and the sentinel, so a failure says
 * where the leak is. Text is compared without regard to case (a log may upper-case a name); byte columns byte for
 * byte, as UTF-8.
 */
public final class PhiScan {

    private static final List<String> SCANNED_TYPES = List.of("text", "character varying", "character", "bytea",
            "json", "jsonb");

    private PhiScan() {
    }

    /**
     * Every column of every table of {@code schema} whose rows hold one of the sentinels, as
     * {@code "table.column holds <sentinel>"}. {@code superuser} must see past row-level security.
     */
    public static List<String> columnsHolding(JdbcTemplate superuser, String schema, Collection<String> sentinels) {
        List<Map<String, Object>> columns = textAndByteColumns(superuser, schema);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String where = switch ((String) column.get("data_type")) {
                case "bytea" -> "position(convert_to(?, 'UTF8') in %s) > 0".formatted(quoted(name));
                case "json", "jsonb" -> "strpos(lower(%s::text), lower(?)) > 0".formatted(quoted(name));
                default -> "strpos(lower(%s), lower(?)) > 0".formatted(quoted(name));
            };
            for (String sentinel : sentinels) {
                Long hits = superuser.queryForObject("SELECT count(*) FROM %s.%s WHERE %s"
                        .formatted(quoted(schema), quoted(table), where), Long.class, sentinel);
                if (hits != null && hits > 0) {
                    found.add(schema + "." + table + "." + name + " holds " + sentinel);
                }
            }
        }
        return found;
    }

    /** How many text, JSON and byte columns {@code schema} has (to show a scan looked at something). */
    public static int scannedColumns(JdbcTemplate superuser, String schema) {
        return textAndByteColumns(superuser, schema).size();
    }

    /** Each sentinel found in {@code text}, as {@code "<place> holds <sentinel>"}. */
    public static List<String> textHolding(String place, String text, Collection<String> sentinels) {
        String lower = text.toLowerCase(Locale.ROOT);
        return sentinels.stream()
                .filter(sentinel -> lower.contains(sentinel.toLowerCase(Locale.ROOT)))
                .map(sentinel -> place + " holds " + sentinel)
                .toList();
    }

    private static List<Map<String, Object>> textAndByteColumns(JdbcTemplate superuser, String schema) {
        return superuser.queryForList("""
                SELECT c.table_name, c.column_name, c.data_type
                  FROM information_schema.columns c
                  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' AND c.data_type = ANY (?)
                 ORDER BY c.table_name, c.ordinal_position""", schema, SCANNED_TYPES.toArray(String[]::new));
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
