package dev.carepath.eventing.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
     *
     * <p>One query per table tests every column for every sentinel in a single scan of the table: a scan per column
     * and sentinel read the engine's tables hundreds of times over (minutes, once a module's tests had filled them).
     */
    public static List<String> columnsHolding(JdbcTemplate superuser, String schema, Collection<String> sentinels) {
        Map<String, List<Map<String, Object>>> columnsByTable = new LinkedHashMap<>();
        for (Map<String, Object> column : textAndByteColumns(superuser, schema)) {
            columnsByTable.computeIfAbsent((String) column.get("table_name"), table -> new ArrayList<>()).add(column);
        }
        List<String> found = new ArrayList<>();
        columnsByTable.forEach((table, columns) -> {
            List<String> tests = new ArrayList<>();
            List<String> findings = new ArrayList<>();
            List<Object> arguments = new ArrayList<>();
            for (Map<String, Object> column : columns) {
                String name = (String) column.get("column_name");
                String holds = switch ((String) column.get("data_type")) {
                    case "bytea" -> "position(convert_to(?, 'UTF8') in %s) > 0".formatted(quoted(name));
                    case "json", "jsonb" -> "strpos(lower(%s::text), lower(?)) > 0".formatted(quoted(name));
                    default -> "strpos(lower(%s), lower(?)) > 0".formatted(quoted(name));
                };
                for (String sentinel : sentinels) {
                    tests.add("coalesce(bool_or(%s), false)".formatted(holds));
                    findings.add(schema + "." + table + "." + name + " holds " + sentinel);
                    arguments.add(sentinel);
                }
            }
            List<Boolean> hits = superuser.query("SELECT %s FROM %s.%s".formatted(String.join(", ", tests),
                    quoted(schema), quoted(table)), (row, number) -> {
                        List<Boolean> values = new ArrayList<>();
                        for (int i = 1; i <= findings.size(); i++) {
                            values.add(row.getBoolean(i));
                        }
                        return values;
                    }, arguments.toArray()).get(0);
            for (int i = 0; i < findings.size(); i++) {
                if (hits.get(i)) {
                    found.add(findings.get(i));
                }
            }
        });
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
