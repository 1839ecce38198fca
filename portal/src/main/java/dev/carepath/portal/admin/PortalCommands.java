package dev.carepath.portal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.carepath.portal.audit.Anchor;
import dev.carepath.portal.audit.AuditAnchors;
import dev.carepath.portal.audit.AuditReport;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.portal.audit.ChainVerification;
import dev.carepath.portal.callbacks.Deliveries;
import dev.carepath.portal.readmodel.ReadModelRebuild;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portal jar's staff commands ({@code java -jar portal.jar <command> [args] [--spring.options]},
 * or {@code ./carepath admin <command>}): the same operations as the {@code /v1/admin} endpoints, run
 * in a process of their own without HTTP port, relay or event consumers. Each prints JSON and exits
 * 0 on success, 1 when it found a problem (a broken chain, an unknown message) and 2 on bad usage.
 * <ul>
 *   <li>{@code audit-verify [tenantId]}: the chains checked against their latest anchors</li>
 *   <li>{@code audit-anchor}: anchors every chain whose head moved, now</li>
 *   <li>{@code read-model-rebuild}</li>
 *   <li>{@code dead-letters [group]}: the groups with their depths, or one group's dead letters</li>
 *   <li>{@code dead-letter <group> <messageId>}: one dead letter with its envelope</li>
 *   <li>{@code dead-letter-replay <group> [messageId]}: one, or all, back to the group's queue</li>
 *   <li>{@code webhook-deliveries [tenantId] [status]}: failed (or {@code pending}, {@code delivered}) webhook
 *       deliveries of every tenant, or of one</li>
 *   <li>{@code webhook-replay <tenantId> <deliveryId>}: a failed delivery is sent again</li>
 * </ul>
 */
public final class PortalCommands {

    public static final Set<String> NAMES = Set.of(
            "audit-verify", "audit-anchor", "read-model-rebuild", "dead-letters", "dead-letter", "dead-letter-replay",
            "webhook-deliveries", "webhook-replay");

    /** Command-line settings (they outrank the yml): no HTTP port, relay, consumers or anchoring schedule in a command. */
    private static final List<String> QUIET = List.of(
            "--carepath.events.relay.enabled=false",
            "--carepath.audit.anchor.scheduled=false",
            "--spring.cloud.stream.default.consumer.auto-startup=false",
            "--carepath.callbacks.dispatch=false",
            "--spring.main.banner-mode=off",
            // A servlet context (the security configuration needs one) that opens no port.
            "--server.port=-1",
            "--logging.level.root=WARN");

    private PortalCommands() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs the command in {@code args[0]} in its own application context; returns the exit code. */
    public static int run(Class<?> application, String[] args) {
        List<String> operands = new ArrayList<>();
        List<String> settings = new ArrayList<>(QUIET);
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            (arg.startsWith("--") ? settings : operands).add(arg);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.SERVLET)
                .run(settings.toArray(String[]::new))) {
            return execute(context, args[0], operands, System.out);
        }
    }

    static int execute(ConfigurableApplicationContext context, String command, List<String> operands,
            PrintStream out) {
        ObjectMapper json = context.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT);
        DeadLetterQueues deadLetters = context.getBean(DeadLetterQueues.class);
        try {
            switch (command) {
                case "audit-verify" -> {
                    AuditReport report = context.getBean(AuditTrail.class)
                            .report(operands.isEmpty() ? null : operands.get(0));
                    out.println(json.writeValueAsString(report));
                    return report.intact() ? 0 : 1;
                }
                case "audit-anchor" -> {
                    AuditAnchors anchors = context.getBean(AuditAnchors.class);
                    List<Anchor> anchored = anchors.anchorAll();
                    out.println(json.writeValueAsString(Map.of("location", anchors.location(), "anchored", anchored)));
                    return 0;
                }
                case "read-model-rebuild" -> {
                    long replayed = context.getBean(ReadModelRebuild.class).rebuild();
                    out.println(json.writeValueAsString(Map.of("replayedEvents", replayed)));
                    return 0;
                }
                case "dead-letters" -> {
                    if (operands.isEmpty()) {
                        for (String group : context.getBean(AdminProperties.class).deadLetterGroups()) {
                            out.println(group + "\t" + deadLetters.depth(group).map(String::valueOf).orElse("-"));
                        }
                    } else {
                        out.println(json.writeValueAsString(deadLetters.list(operands.get(0))));
                    }
                    return 0;
                }
                case "dead-letter" -> {
                    if (operands.size() != 2) {
                        return usage("dead-letter <group> <messageId>");
                    }
                    var found = deadLetters.find(operands.get(0), operands.get(1));
                    out.println(found.isPresent() ? json.writeValueAsString(found.get()) : "no such dead letter");
                    return found.isPresent() ? 0 : 1;
                }
                case "dead-letter-replay" -> {
                    if (operands.isEmpty()) {
                        return usage("dead-letter-replay <group> [messageId]");
                    }
                    if (operands.size() == 1) {
                        out.println("replayed " + deadLetters.replayAll(operands.get(0)));
                        return 0;
                    }
                    boolean replayed = deadLetters.replay(operands.get(0), operands.get(1));
                    out.println(replayed ? "replayed 1" : "no such dead letter");
                    return replayed ? 0 : 1;
                }
                case "webhook-deliveries" -> {
                    Deliveries deliveries = context.getBean(Deliveries.class);
                    String status = operands.size() > 1 ? operands.get(1).toUpperCase(java.util.Locale.ROOT) : "FAILED";
                    if (operands.size() > 2 || !Set.of("PENDING", "DELIVERED", "FAILED").contains(status)) {
                        return usage("webhook-deliveries [tenantId] [failed|pending|delivered]");
                    }
                    List<Deliveries.Delivery> found = operands.isEmpty()
                            ? deliveries.listAcrossTenants(status, 500)
                            : deliveries.list(operands.get(0), status, 500);
                    out.println(json.writeValueAsString(found));
                    return 0;
                }
                case "webhook-replay" -> {
                    if (operands.size() != 2) {
                        return usage("webhook-replay <tenantId> <deliveryId>");
                    }
                    UUID id = UUID.fromString(operands.get(1));
                    var replayed = context.getBean(Deliveries.class).find(operands.get(0), id)
                            .filter(d -> "FAILED".equals(d.status()))
                            .flatMap(d -> context.getBean(Deliveries.class).replay(operands.get(0), id));
                    out.println(replayed.isPresent() ? json.writeValueAsString(replayed.get())
                            : "no such failed delivery");
                    return replayed.isPresent() ? 0 : 1;
                }
                default -> {
                    return usage(String.join(" | ", NAMES));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private static int usage(String message) {
        System.err.println("usage: " + message);
        return 2;
    }
}
