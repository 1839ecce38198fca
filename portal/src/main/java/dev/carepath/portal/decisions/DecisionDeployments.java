package dev.carepath.portal.decisions;

import dev.carepath.contracts.events.data.DecisionDeployed;
import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.dmn.GoldenCaseRunner;
import dev.carepath.dmn.GoldenCases;
import dev.carepath.dmn.InvalidDecisionTableException;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Deploys an edited decision table only if it is the decision the process expects and passes every golden case of
 * that decision; every accepted version is recorded with its {@code decision.deployed} event in one transaction.
 */
@Service
class DecisionDeployments {

    static final String SCHEMA = "decisions";

    /** Decisions are shared by every tenant; their events belong to the platform operator. */
    static final String PLATFORM_TENANT = "carepath";

    private static final Logger log = LoggerFactory.getLogger(DecisionDeployments.class);

    /** A table that was deployed: its version in the engine and what the gate checked. */
    record Deployed(String decisionKey, int version, String decisionDefinitionId, String checksum, String deployedBy,
            int goldenCasesPassed, List<String> rulesNotReached, Integer restoredFromVersion)
            implements java.io.Serializable { // a flash attribute: the console keeps sessions in PostgreSQL
    }

    /** The table is not the decision the process needs; {@code problems} say why, in words. */
    static class InvalidTableException extends RuntimeException {
        private final List<String> problems;

        InvalidTableException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /** The table fails golden cases; nothing was deployed. */
    static class GoldenCasesFailedException extends RuntimeException {
        private final GoldenCaseRunner.Report report;

        GoldenCasesFailedException(GoldenCaseRunner.Report report) {
            super(report.failures().size() + " golden cases failed");
            this.report = report;
        }

        GoldenCaseRunner.Report report() {
            return report;
        }
    }

    private final GoldenCaseRunner runner;
    private final EngineDecisions engine;
    private final DecisionDeploymentLog deploymentLog;
    private final TenantTransactions transactions;
    private final Outbox outbox;

    DecisionDeployments(GoldenCaseRunner runner, EngineDecisions engine, DecisionDeploymentLog deploymentLog,
            TenantTransactions transactions, Outbox outbox) {
        this.runner = runner;
        this.engine = engine;
        this.deploymentLog = deploymentLog;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /**
     * Checks {@code xml} as the new version of decision {@code key} and deploys it if it passes.
     *
     * @throws InvalidDecisionTableException  when the file is not a DMN 1.3 document
     * @throws InvalidTableException          when it is not the decision the process needs
     * @throws GoldenCasesFailedException     when a golden case fails
     * @throws EngineDecisions.RefusedException     when the engine cannot use it
     * @throws EngineDecisions.UnavailableException when the engine cannot be reached
     */
    Deployed deploy(String key, byte[] xml, String deployedBy) {
        return deploy(key, xml, deployedBy, null);
    }

    /**
     * As {@link #deploy(String, byte[], String)}; {@code restoredFromVersion} names the earlier version whose XML this
     * is when staff roll a decision back (recorded with the new version), else null.
     */
    Deployed deploy(String key, byte[] xml, String deployedBy, Integer restoredFromVersion) {
        GoldenCaseRunner.Report report = check(key, xml);
        if (!report.passed()) {
            log.info("decision {} refused: {} of {} golden cases failed", key, report.failures().size(), report.rowsRun());
            throw new GoldenCasesFailedException(report);
        }
        DecisionTable table = DecisionTable.parse(xml);
        EngineDecisions.Version version = engine.deploy(key, xml);
        Deployed deployed = new Deployed(key, version.version(), version.decisionDefinitionId(), table.checksum(),
                deployedBy, report.rowsRun(), report.unreachedRules(), restoredFromVersion);
        try {
            transactions.run(PLATFORM_TENANT, () -> {
                deploymentLog.insert(deployed, version.deploymentId());
                outbox.append(SCHEMA, key, PLATFORM_TENANT, event(deployed));
            });
        } catch (RuntimeException e) {
            log.error("decision {} version {} is deployed in the engine (deployment {}) but its record and"
                    + " decision.deployed event could not be written", key, version.version(), version.deploymentId(), e);
            throw e;
        }
        log.info("decision {} version {} deployed by {} ({} golden cases passed)", key, deployed.version(), deployedBy,
                report.rowsRun());
        return deployed;
    }

    /**
     * The gate without the deployment: checks {@code xml} as a new version of decision {@code key} and runs every
     * golden case of the decision on it. Nothing is deployed or recorded (the console shows the report before staff
     * put a version in force).
     *
     * @throws InvalidDecisionTableException when the file is not a DMN 1.3 document
     * @throws InvalidTableException         when it is not the decision the process needs
     */
    GoldenCaseRunner.Report check(String key, byte[] xml) {
        ShippedDecision shipped = ShippedDecision.of(key);
        DecisionTable table = DecisionTable.parse(xml);
        List<String> problems = shapeProblems(key, table, shipped.table());
        if (!problems.isEmpty()) {
            throw new InvalidTableException(problems);
        }
        GoldenCaseRunner.Report report;
        try {
            report = runner.run(table, shipped.goldenCases());
        } catch (InvalidDecisionTableException e) {
            throw new InvalidTableException(List.of(e.getMessage()));
        }
        if (!report.headerProblems().isEmpty()) {
            throw new InvalidTableException(report.headerProblems());
        }
        return report;
    }

    /** One decision whose id is the key, with the inputs and outputs of the shipped table (the process's variables). */
    static List<String> shapeProblems(String key, DecisionTable table, DecisionTable shipped) {
        List<String> problems = new ArrayList<>();
        if (table.decisionIds().size() != 1) {
            problems.add("the file must hold exactly one decision; it holds " + table.decisionIds().size());
        } else if (!key.equals(table.decisionId())) {
            problems.add("the decision's id must be '" + key + "'");
        }
        if (table.tableCount() != 1) {
            problems.add("the decision must be one decision table; the file holds " + table.tableCount());
        }
        shipped.inputTypes().keySet().stream().filter(name -> !table.inputTypes().containsKey(name))
                .forEach(name -> problems.add("missing input '" + name + "', which the process passes"));
        table.inputTypes().keySet().stream().filter(name -> !shipped.inputTypes().containsKey(name))
                .forEach(name -> problems.add("unknown input '" + name + "': the process does not pass it"));
        shipped.outputNames().stream().filter(name -> !table.outputNames().contains(name))
                .forEach(name -> problems.add("missing output '" + name + "', which the process reads"));
        return problems;
    }

    private static DecisionDeployed event(Deployed deployed) {
        return new DecisionDeployed(deployed.decisionKey(), deployed.version(), deployed.decisionDefinitionId(),
                deployed.checksum(), deployed.deployedBy(), deployed.goldenCasesPassed(), deployed.restoredFromVersion());
    }

    /** The shipped table of a decision and its golden cases: what an edit is checked against. */
    record ShippedDecision(DecisionTable table, GoldenCases goldenCases) {

        /** @throws UnknownDecisionException when the product ships no such decision */
        static ShippedDecision of(String key) {
            if (!DecisionTables.KEYS.contains(key)) {
                throw new UnknownDecisionException();
            }
            return new ShippedDecision(DecisionTables.shipped(key).orElseThrow(UnknownDecisionException::new),
                    DecisionTables.goldenCases(key).orElseThrow(UnknownDecisionException::new));
        }
    }

    /** No shipped decision has this key. */
    static class UnknownDecisionException extends RuntimeException {
        UnknownDecisionException() {
            super("no such decision");
        }
    }
}
