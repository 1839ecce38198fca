package dev.carepath.engine.decisions;

import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DecisionDefinition;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the decision tables the dmn jar ships, one decision at a time, and only where the engine still owns the
 * table:
 * <ul>
 *   <li>no version of the decision exists yet: the shipped table is deployed;</li>
 *   <li>the latest version came from an earlier start (deployment {@value #DEPLOYMENT_NAME}, or Operaton's own
 *       auto-deployment from before this class existed): the shipped table is deployed if it differs from it;</li>
 *   <li>the latest version came from any other deployment (the portal's gated endpoint, a modeler's deploy
 *       dialog): clinical ops own the table, it stays in force, and a differing shipped table is only reported.
 *       A release that changes such a table deploys it through the portal like any other edit.</li>
 * </ul>
 * All decisions are tenant-less (shared by every tenant), as the portal deploys them. Engine nodes starting
 * together on one database each deploy no table the other has just deployed (Operaton's duplicate filter, under its
 * deployment lock).
 */
public class ShippedDecisions {

    /** Name and source of the deployments this class makes. */
    public static final String DEPLOYMENT_NAME = "carepath-shipped-decisions";

    /** Operaton Spring Boot's auto-deployment, which deployed the tables before this class did. */
    static final String AUTO_DEPLOYMENT_NAME = "SpringAutoDeployment";

    private static final Set<String> ENGINE_OWNED = Set.of(DEPLOYMENT_NAME, AUTO_DEPLOYMENT_NAME);

    private static final Logger log = LoggerFactory.getLogger(ShippedDecisions.class);

    /** What a start did per decision key. */
    public enum Outcome {
        /** A new version of the shipped table was deployed. */
        DEPLOYED,
        /** The latest version is the shipped table already. */
        UNCHANGED,
        /** Clinical ops deployed the latest version; the shipped table was not deployed. */
        KEPT_CLINICAL_OPS_EDIT
    }

    /** The tables the dmn jar ships, by decision key. */
    public static Map<String, byte[]> fromClasspath() {
        Map<String, byte[]> tables = new LinkedHashMap<>();
        for (String key : DecisionTables.KEYS) {
            tables.put(key, DecisionTables.shipped(key).orElseThrow(
                    () -> new IllegalStateException("the dmn jar ships no dmn/" + key + ".dmn")).xml());
        }
        return tables;
    }

    /**
     * Deploys {@code tables} (decision key → DMN file) where the engine owns them; one deployment for all that
     * need a new version.
     */
    public Map<String, Outcome> deploy(RepositoryService repository, Map<String, byte[]> tables) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> toDeploy = new ArrayList<>();
        for (var table : tables.entrySet()) {
            String key = table.getKey();
            requireDecision(key, table.getValue());
            DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                    .withoutTenantId().latestVersion().singleResult();
            if (latest == null) {
                toDeploy.add(key);
                continue;
            }
            Deployment deployment = repository.createDeploymentQuery().deploymentId(latest.getDeploymentId())
                    .singleResult();
            boolean same = Arrays.equals(table.getValue(), content(repository, latest));
            if (!ENGINE_OWNED.contains(deployment.getName())) {
                if (!same) {
                    log.warn("decision {}: version {} deployed by clinical ops (deployment '{}') stays in force;"
                                    + " the table this release ships differs and is not deployed (deploy it through"
                                    + " the portal if it should replace the edit)",
                            key, latest.getVersion(), deployment.getName());
                }
                outcomes.put(key, Outcome.KEPT_CLINICAL_OPS_EDIT);
            } else if (same) {
                outcomes.put(key, Outcome.UNCHANGED);
            } else {
                toDeploy.add(key);
            }
        }
        if (!toDeploy.isEmpty()) {
            // Another engine node starting at the same time may have deployed the same tables since they were read
            // above: Operaton compares each table with the latest of this deployment's name while it holds its
            // deployment lock, and deploys only those that differ, so two nodes never deploy one table twice.
            DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source(DEPLOYMENT_NAME)
                    .enableDuplicateFiltering(true);
            toDeploy.forEach(key -> builder.addInputStream(key + ".dmn", new ByteArrayInputStream(tables.get(key))));
            var deployed = builder.deployWithResult().getDeployedDecisionDefinitions();
            Set<String> deployedKeys = deployed == null ? Set.of()
                    : deployed.stream().map(DecisionDefinition::getKey).collect(Collectors.toSet());
            toDeploy.forEach(key -> outcomes.put(key,
                    deployedKeys.contains(key) ? Outcome.DEPLOYED : Outcome.UNCHANGED));
        }
        outcomes.forEach((key, outcome) -> log.info("decision {}: {}", key, outcome));
        return outcomes;
    }

    /** Checks that a table is what its key says before it is deployed. */
    static void requireDecision(String key, byte[] xml) {
        if (!key.equals(DecisionTable.parse(xml).decisionId())) {
            throw new IllegalStateException("dmn/" + key + ".dmn does not hold exactly one decision '" + key + "'");
        }
    }

    private static byte[] content(RepositoryService repository, DecisionDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(),
                definition.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
