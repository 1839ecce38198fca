package dev.carepath.engine.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.dmn.DecisionTables;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.DecisionService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * What an engine start does to the decision tables, on the real engine and PostgreSQL. Every start runs
 * {@link ShippedDecisions#deploy} with the jar's tables, so calling it again is what a restart does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class ShippedDecisionsIT {

    private static final String CLINICAL_OPS_DEPLOYMENT = "clinical-ops-it";

    @Autowired RepositoryService repository;
    @Autowired DecisionService decisions;
    @Autowired ShippedDecisions shipped;

    @Test
    void everyShippedDecisionIsDeployedTenantLessAtStart() {
        for (String key : DecisionTables.KEYS) {
            assertThat(latest(key)).as(key).isNotNull();
        }
        assertThat(repository.createDeploymentQuery().deploymentName(ShippedDecisions.DEPLOYMENT_NAME).count())
                .isPositive();
    }

    @Test
    void aRestartDeploysANewShippedTableOnlyWhereTheEngineStillOwnsIt() {
        String key = "it-decision-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(shipped.deploy(repository, Map.of(key, table(key, "meridian-health"))))
                .containsEntry(key, ShippedDecisions.Outcome.DEPLOYED);
        assertThat(shipped.deploy(repository, Map.of(key, table(key, "meridian-health"))))
                .as("a restart with the same jar").containsEntry(key, ShippedDecisions.Outcome.UNCHANGED);
        assertThat(latest(key).getVersion()).isEqualTo(1);

        assertThat(shipped.deploy(repository, Map.of(key, table(key, "bluepeak-clinicians"))))
                .as("a release that changes the table").containsEntry(key, ShippedDecisions.Outcome.DEPLOYED);
        assertThat(latest(key).getVersion()).isEqualTo(2);

        deployAsClinicalOps(key, table(key, "cedar-clinicians"));
        assertThat(shipped.deploy(repository, Map.of(key, table(key, "another-release"))))
                .as("a release after an edit").containsEntry(key, ShippedDecisions.Outcome.KEPT_CLINICAL_OPS_EDIT);
        assertThat(latest(key).getVersion()).isEqualTo(3);
        assertThat(evaluate(key, "NV")).isEqualTo("cedar-clinicians");
    }

    @Test
    void engineNodesStartingTogetherDeployANewTableOnce() throws Exception {
        String key = "it-decision-" + UUID.randomUUID().toString().substring(0, 8);
        int nodes = 4;
        var ready = new CyclicBarrier(nodes);
        var pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Map<String, ShippedDecisions.Outcome>>> starts = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                starts.add(pool.submit(() -> {
                    ready.await();
                    return shipped.deploy(repository, Map.of(key, table(key, "meridian-health")));
                }));
            }
            List<ShippedDecisions.Outcome> outcomes = new ArrayList<>();
            for (var start : starts) {
                outcomes.add(start.get(60, TimeUnit.SECONDS).get(key));
            }
            assertThat(outcomes).as("one node deploys, the others find its table")
                    .containsOnlyOnce(ShippedDecisions.Outcome.DEPLOYED)
                    .containsOnly(ShippedDecisions.Outcome.DEPLOYED, ShippedDecisions.Outcome.UNCHANGED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(latest(key).getVersion()).as("no duplicate version").isEqualTo(1);
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count()).isEqualTo(1);
    }

    @Test
    void aRestartKeepsTheRoutingTableClinicalOpsDeployed() {
        String original = new String(ShippedDecisions.fromClasspath().get("provider-routing"), StandardCharsets.UTF_8);
        String edited = original.replace("\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\"</text></inputEntry>\n"
                        + "        <inputEntry id=\"InputEntry_MeridianTherapies\">",
                "\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\",\"NV\"</text></inputEntry>\n"
                        + "        <inputEntry id=\"InputEntry_MeridianTherapies\">");
        assertThat(edited).as("the edit applies").isNotEqualTo(original);
        try {
            deployAsClinicalOps("provider-routing", edited.getBytes(StandardCharsets.UTF_8));
            int version = latest("provider-routing").getVersion();
            assertThat(evaluate("provider-routing", "NV")).isEqualTo("meridian-health");

            assertThat(shipped.deploy(repository, ShippedDecisions.fromClasspath()))
                    .containsEntry("provider-routing", ShippedDecisions.Outcome.KEPT_CLINICAL_OPS_EDIT);

            assertThat(latest("provider-routing").getVersion()).isEqualTo(version);
            assertThat(evaluate("provider-routing", "NV")).as("after a restart").isEqualTo("meridian-health");
        } finally {
            // Other tests on this database route with the shipped table.
            deployAsClinicalOps("provider-routing", original.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(evaluate("provider-routing", "NV")).isEqualTo("bluepeak-clinicians");
    }

    /** A provider-routing table under {@code key} that sends NV to {@code network}. */
    private static byte[] table(String key, String network) {
        String xml = new String(ShippedDecisions.fromClasspath().get("provider-routing"), StandardCharsets.UTF_8)
                .replace("<decision id=\"provider-routing\"", "<decision id=\"" + key + "\"")
                .replace("<rule id=\"Rule_CompoundedGlp1SwitchedOff\">", """
                        <rule id="Rule_NevadaIt">
                                <inputEntry id="InputEntry_NevadaIt"><text>"NV"</text></inputEntry>
                                <inputEntry id="InputEntry_NevadaItTherapy"><text></text></inputEntry>
                                <outputEntry id="OutputEntry_NevadaIt"><text>"%s"</text></outputEntry>
                                <annotationEntry><text>test</text></annotationEntry>
                              </rule>
                              <rule id="Rule_CompoundedGlp1SwitchedOff">""".formatted(network));
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private void deployAsClinicalOps(String key, byte[] xml) {
        repository.createDeployment().name(CLINICAL_OPS_DEPLOYMENT).source("it")
                .addInputStream(key + ".dmn", new ByteArrayInputStream(xml)).deploy();
    }

    private DecisionDefinition latest(String key) {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId()
                .latestVersion().singleResult();
    }

    private Object evaluate(String key, String state) {
        return decisions.evaluateDecisionTableByKey(key)
                .variables(Map.of("stateCode", state, "therapy", "semaglutide")).evaluate().getSingleEntry();
    }
}
