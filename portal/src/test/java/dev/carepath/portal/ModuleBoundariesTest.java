package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Capabilities own their tables and talk to each other only through public Java types: checked on the
 * sources, so a shortcut through another capability's schema fails the build.
 */
class ModuleBoundariesTest {

    private static final Path ROOT = Path.of("src/main/java/dev/carepath/portal");

    /** capability package → the schema it owns. */
    private static final Map<String, String> OWNED_SCHEMA = Map.of(
            "journeys", "orders", "ingress", "ingress", "readmodel", "read", "audit", "audit",
            "decisions", "decisions", "tenants", "tenants", "callbacks", "callbacks", "ratelimits", "ratelimits");

    /** The types a capability offers the others. */
    private static final Set<String> PUBLIC_API = Set.of(
            "dev.carepath.portal.journeys.Journeys",
            "dev.carepath.portal.journeys.JourneyView",
            "dev.carepath.portal.journeys.UsStates",
            "dev.carepath.portal.clinical.Prescriptions",
            "dev.carepath.portal.decisions.WhatIfEvaluations",
            "dev.carepath.portal.journeys.JourneyStarts",
            "dev.carepath.portal.journeys.JourneyListing",
            "dev.carepath.portal.readmodel.JourneySearch",
            "dev.carepath.portal.journeys.StartJourneyRequest",
            "dev.carepath.portal.clinical.Intakes",
            "dev.carepath.portal.clinical.IntakeAnswers",
            "dev.carepath.portal.readmodel.JourneyReadModel",
            "dev.carepath.portal.readmodel.JourneyProgress",
            "dev.carepath.portal.readmodel.ReadModelRebuild",
            "dev.carepath.portal.audit.AuditTrail",
            "dev.carepath.portal.audit.ChainVerification",
            "dev.carepath.portal.audit.AuditAnchors",
            "dev.carepath.portal.audit.AuditReport",
            "dev.carepath.portal.audit.Anchor",
            "dev.carepath.portal.web.Problems",
            "dev.carepath.portal.tenants.Tenants",
            "dev.carepath.portal.tenants.MachineClients",
            "dev.carepath.portal.security.Agents",
            "dev.carepath.portal.callbacks.Deliveries",
            // The staff console's services: the admin API's, made public for it (no second implementation).
            "dev.carepath.portal.callbacks.WebhookSecrets",
            "dev.carepath.portal.tenants.TenantRequest",
            "dev.carepath.portal.admin.DeadLetterQueues",
            "dev.carepath.portal.admin.DeadLetter",
            "dev.carepath.portal.admin.AdminProperties");

    private static final Pattern TABLE = Pattern.compile(
            "\\b(orders|ingress|read|audit|decisions|tenants|callbacks|ratelimits)\\.[a-z_]+\\b");
    private static final Pattern IMPORT = Pattern.compile("^import (dev\\.carepath\\.portal\\.([a-z]+)\\.[A-Za-z.]+);",
            Pattern.MULTILINE);

    @Test
    void eachCapabilityQueriesOnlyItsOwnSchema() throws IOException {
        List<String> violations = new ArrayList<>();
        for (var capability : OWNED_SCHEMA.entrySet()) {
            for (Path file : sources(capability.getKey())) {
                Matcher table = TABLE.matcher(Files.readString(file));
                while (table.find()) {
                    if (!table.group(1).equals(capability.getValue()) && isSql(table.group())) {
                        violations.add(file.getFileName() + " uses " + table.group());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void capabilitiesUseEachOtherOnlyThroughTheirPublicApi() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String capability : List.of("journeys", "ingress", "readmodel", "audit", "admin", "decisions", "web",
                "tenants", "security", "clinical", "callbacks", "ratelimits", "mcp", "console")) {
            for (Path file : sources(capability)) {
                Matcher imported = IMPORT.matcher(Files.readString(file));
                while (imported.find()) {
                    // dev.carepath.portal.api: the contract's interfaces and DTOs, generated for every capability.
                    if (!imported.group(2).equals(capability) && !imported.group(2).equals("api")
                            && !PUBLIC_API.contains(imported.group(1))) {
                        violations.add(file.getFileName() + " imports " + imported.group(1));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyCapabilitySaysWhatItIs() {
        for (String capability : List.of("journeys", "ingress", "readmodel", "audit", "admin", "decisions", "web",
                "tenants", "security", "clinical", "callbacks", "ratelimits", "mcp", "console")) {
            assertThat(ROOT.resolve(capability).resolve("package-info.java")).exists();
        }
    }

    private static boolean isSql(String reference) {
        // "read.journey" is SQL; a Java call like "orders.find" is not a table reference.
        return reference.matches("(orders|ingress|read|audit|decisions|tenants|callbacks|ratelimits)\\.(journey_order"
                + "|webhook_inbox|journey|journey_step|decision_deployment|outbox|processed_event|audit_event|tenant"
                + "|entitlement|machine_client|delivery|signing_secret|bucket)");
    }

    private static List<Path> sources(String capability) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(capability))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
