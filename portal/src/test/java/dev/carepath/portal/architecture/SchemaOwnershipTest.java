package dev.carepath.portal.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Capabilities own their tables, and each says what it is: checked on the sources, so a shortcut through another
 * capability's schema fails the build. The SQL lives in string literals, which ArchUnit does not see (it reads types,
 * members and calls, not constants), so this stays a source check; what the capabilities may use of each other's
 * types is checked on the classes ({@link CapabilityBoundariesTest}).
 */
class SchemaOwnershipTest {

    private static final Path ROOT = Path.of("src/main/java/dev/carepath/portal");
    /** A capability tree of planted sources: each check must report its planted violation there. */
    private static final Path PLANTED = Path.of("src/test/resources/architecture/planted-sources");

    private static final List<String> CAPABILITIES = List.of("journeys", "ingress", "readmodel", "audit", "admin",
            "decisions", "web", "tenants", "security", "clinical", "callbacks", "ratelimits", "mcp", "console");

    /** capability package → the schema it owns. */
    private static final Map<String, String> OWNED_SCHEMA = Map.of(
            "journeys", "orders", "ingress", "ingress", "readmodel", "read", "audit", "audit",
            "decisions", "decisions", "tenants", "tenants", "callbacks", "callbacks", "ratelimits", "ratelimits");

    private static final Pattern TABLE = Pattern.compile(
            "\\b(orders|ingress|read|audit|decisions|tenants|callbacks|ratelimits)\\.[a-z_]+\\b");

    @Test
    void eachCapabilityQueriesOnlyItsOwnSchema() throws IOException {
        assertThat(foreignTablesUsed(ROOT, OWNED_SCHEMA)).isEmpty();
    }

    @Test
    void everyCapabilitySaysWhatItIs() {
        assertThat(undescribed(ROOT, CAPABILITIES)).isEmpty();
    }

    @Test
    void bothChecksReportTheirPlantedViolationAndNothingLawful() throws IOException {
        assertThat(foreignTablesUsed(PLANTED, Map.of("journeys", "orders", "readmodel", "read")))
                .containsExactly("ProjectionJoinsOrders.java uses orders.journey_order");
        assertThat(undescribed(PLANTED, List.of("journeys", "readmodel"))).containsExactly("readmodel");
    }

    /** Where a capability's sources under {@code root} name a table of a schema it does not own. */
    private static List<String> foreignTablesUsed(Path root, Map<String, String> ownedSchema) throws IOException {
        List<String> violations = new ArrayList<>();
        for (var capability : ownedSchema.entrySet()) {
            for (Path file : sources(root, capability.getKey())) {
                Matcher table = TABLE.matcher(Files.readString(file));
                while (table.find()) {
                    if (!table.group(1).equals(capability.getValue()) && isSql(table.group())) {
                        violations.add(file.getFileName() + " uses " + table.group());
                    }
                }
            }
        }
        return violations;
    }

    /** The capabilities under {@code root} without a package-info.java saying what they are. */
    private static List<String> undescribed(Path root, List<String> capabilities) {
        return capabilities.stream()
                .filter(capability -> !Files.exists(root.resolve(capability).resolve("package-info.java"))).toList();
    }

    private static boolean isSql(String reference) {
        // "read.journey" is SQL; a Java call like "orders.find" is not a table reference.
        return reference.matches("(orders|ingress|read|audit|decisions|tenants|callbacks|ratelimits)\\.(journey_order"
                + "|webhook_inbox|journey|journey_step|decision_deployment|outbox|processed_event|audit_event|tenant"
                + "|entitlement|machine_client|delivery|signing_secret|bucket)");
    }

    private static List<Path> sources(Path root, String capability) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(capability))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
