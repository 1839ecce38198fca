package dev.carepath.portal.decisions;

import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.dmn.GoldenCaseRunner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What the staff console's decision pages ask (clinical ops): the tables in force as readable tables, a what-if, an
 * upload checked against the golden cases before anything is deployed, the version history (who, when) with a
 * rule-level diff between versions, and a roll back (the earlier version's XML deployed again through the same gate,
 * recorded and published like any deployment). The engine holds the versions; the portal's deployment log says who
 * deployed each of them and when.
 */
@Service
public class DecisionConsole {

    /** Who deployed a version the portal has no record of: the engine deployed the shipped table at its start. */
    static final String SHIPPED = "shipped with the release (engine start)";

    /** A version in the history. {@code deployedAt} is null for a shipped version (the engine's own deployment). */
    public record VersionEntry(int version, String decisionDefinitionId, String deployedBy, Instant deployedAt,
            String checksum, Integer goldenCasesPassed, Integer restoredFromVersion, boolean inForce) {

        /** When, in UTC to the second; empty for a shipped version. */
        public String deployedAtUtc() {
            return deployedAt == null ? "" : UTC_SECONDS.format(deployedAt);
        }
    }

    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** A table's version, readable. */
    public record VersionView(String key, int version, String decisionDefinitionId, DecisionTableView table) {
    }

    /**
     * An uploaded file checked but not deployed: the golden-case report (or the reasons it is not the decision the
     * process needs) and what it would change against the version in force.
     */
    public record UploadCheck(String key, String xml, String checksum, List<String> problems, GoldenCaseRunner.Report report,
            DecisionTableView table, VersionView inForce, DecisionTableView.Diff diff) {

        public boolean deployable() {
            return problems.isEmpty() && report != null && report.passed();
        }
    }

    private final EngineDecisions engine;
    private final DecisionDeployments deployments;
    private final DecisionDeploymentLog deploymentLog;
    private final WhatIfEvaluations whatIf;

    DecisionConsole(EngineDecisions engine, DecisionDeployments deployments, DecisionDeploymentLog deploymentLog,
            WhatIfEvaluations whatIf) {
        this.engine = engine;
        this.deployments = deployments;
        this.deploymentLog = deploymentLog;
        this.whatIf = whatIf;
    }

    /** The keys of the decisions the product ships, in a stable order. */
    List<String> keys() {
        return DecisionTables.KEYS.stream().sorted().toList();
    }

    /** The version in force (the latest) of decision {@code key}. */
    VersionView inForce(String key) {
        DecisionDeployments.ShippedDecision.of(key);
        EngineDecisions.Version latest = engine.latest(key).orElseThrow(DecisionDeployments.UnknownDecisionException::new);
        return view(latest);
    }

    /** Version {@code version} of decision {@code key}. */
    VersionView version(String key, int version) {
        DecisionDeployments.ShippedDecision.of(key);
        return engine.versions(key).stream().filter(v -> v.version() == version).findFirst().map(this::view)
                .orElseThrow(DecisionDeployments.UnknownDecisionException::new);
    }

    /** Every version of decision {@code key}, newest first, with who deployed it and when. */
    List<VersionEntry> history(String key) {
        DecisionDeployments.ShippedDecision.of(key);
        List<EngineDecisions.Version> versions = engine.versions(key);
        Map<String, DecisionDeploymentLog.Entry> logged = deploymentLog.history(key).stream()
                .collect(Collectors.toMap(DecisionDeploymentLog.Entry::decisionDefinitionId, Function.identity()));
        int latest = versions.stream().mapToInt(EngineDecisions.Version::version).max().orElse(0);
        return versions.stream().map(v -> Optional.ofNullable(logged.get(v.decisionDefinitionId()))
                .map(entry -> new VersionEntry(v.version(), v.decisionDefinitionId(), entry.deployedBy(),
                        entry.deployedAt(), entry.checksum(), entry.goldenCasesPassed(), entry.restoredFromVersion(),
                        v.version() == latest))
                .orElseGet(() -> new VersionEntry(v.version(), v.decisionDefinitionId(), SHIPPED, null, null, null,
                        null, v.version() == latest)))
                .toList();
    }

    /** What changed from version {@code from} to version {@code to}, rule by rule. */
    DecisionTableView.Diff diff(String key, int from, int to) {
        return version(key, to).table().diffFrom(version(key, from).table());
    }

    /** Checks an uploaded file against the gate without deploying it. */
    UploadCheck check(String key, byte[] xml) {
        VersionView inForce = inForce(key);
        String text = new String(xml, StandardCharsets.UTF_8);
        DecisionTable table;
        try {
            table = DecisionTable.parse(xml);
        } catch (dev.carepath.dmn.InvalidDecisionTableException e) {
            return new UploadCheck(key, text, null, List.of(e.getMessage()), null, null, inForce, null);
        }
        DecisionTableView view = DecisionTableView.of(table);
        try {
            GoldenCaseRunner.Report report = deployments.check(key, xml);
            return new UploadCheck(key, text, table.checksum(), List.of(), report, view, inForce,
                    view.diffFrom(inForce.table()));
        } catch (DecisionDeployments.InvalidTableException e) {
            return new UploadCheck(key, text, table.checksum(), e.problems(), null, view, inForce,
                    view.diffFrom(inForce.table()));
        }
    }

    /** Deploys an uploaded file through the gate (which runs every check again). */
    DecisionDeployments.Deployed deploy(String key, byte[] xml, String who) {
        return deployments.deploy(key, xml, who);
    }

    /** Rolls decision {@code key} back to version {@code version}: its XML deployed again, as a new version. */
    DecisionDeployments.Deployed rollBack(String key, int version, String who) {
        VersionView earlier = version(key, version);
        byte[] xml = engine.xml(earlier.decisionDefinitionId()).getBytes(StandardCharsets.UTF_8);
        return deployments.deploy(key, xml, who, version);
    }

    /** The what-if against the version in force. */
    WhatIfEvaluations.Answer whatIf(String key, Map<String, Object> inputs) {
        return whatIf.evaluate(key, inputs);
    }

    /** The XML of a version as text, for download. */
    String xml(String key, int version) {
        return engine.xml(version(key, version).decisionDefinitionId());
    }

    private VersionView view(EngineDecisions.Version version) {
        DecisionTable table = DecisionTable.parse(engine.xml(version.decisionDefinitionId())
                .getBytes(StandardCharsets.UTF_8));
        return new VersionView(version.key(), version.version(), version.decisionDefinitionId(),
                DecisionTableView.of(table));
    }
}
