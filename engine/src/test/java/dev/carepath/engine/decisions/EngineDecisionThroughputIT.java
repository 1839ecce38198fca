package dev.carepath.engine.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.dmn.FeelEngines;
import dev.carepath.dmn.GoldenCases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.dmn.engine.DmnDecisionResult;
import org.operaton.bpm.engine.DecisionService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.operaton.bpm.engine.repository.DecisionDefinition;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's own decision path (its DMN engine with its history and metrics listeners) evaluates with the JVM's
 * shared FEEL engine and answers as {@link DecisionEvaluator} does. It also prints evaluations per second on this
 * database: through {@link DecisionService} (one transaction and its history rows per evaluation) and inside one
 * command (the engine's evaluation without the commit, as a business rule task runs inside the job's
 * transaction). A measurement printed with the prefix "decision throughput", not asserted: the machine is shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineDecisionThroughputIT {

    private static final int SERVICE_ROUNDS = 3;
    private static final int COMMAND_ROUNDS = 30;

    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repository;
    @Autowired DecisionService decisions;

    @Test
    void theEngineEvaluatesWithTheSharedFeelEngine() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine())
                .isSameAs(FeelEngines.factory().createInstance());
    }

    @Test
    void theEngineAnswersEveryGoldenCaseAsTheEvaluatorDoesAndPrintsItsThroughput() {
        DecisionEvaluator evaluator = new DecisionEvaluator();
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        for (String key : DecisionTables.KEYS) {
            DecisionTable table = DecisionTables.shipped(key).orElseThrow();
            List<Map<String, Object>> inputs = inputs(table, DecisionTables.goldenCases(key).orElseThrow());
            var compiled = evaluator.compile(table, key);
            DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                    .withoutTenantId().latestVersion().singleResult();

            for (Map<String, Object> variables : inputs) {
                var expected = plain(evaluator.evaluate(compiled, variables).results());
                var actual = plain(decisions.evaluateDecisionTableById(definition.getId()).variables(variables)
                        .evaluate().getResultList());
                assertThat(actual).as("%s %s", key, variables).isEqualTo(expected);
            }

            long started = System.nanoTime();
            for (int round = 0; round < SERVICE_ROUNDS; round++) {
                for (Map<String, Object> variables : inputs) {
                    decisions.evaluateDecisionTableById(definition.getId()).variables(variables).evaluate();
                }
            }
            double serviceRate = rate(SERVICE_ROUNDS * inputs.size(), started);

            List<DmnDecisionResult> results = new ArrayList<>();
            started = System.nanoTime();
            configuration.getCommandExecutorTxRequired().execute(context -> {
                DecisionDefinition deployed = configuration.getDeploymentCache()
                        .findDeployedDecisionDefinitionById(definition.getId());
                for (int round = 0; round < COMMAND_ROUNDS; round++) {
                    for (Map<String, Object> variables : inputs) {
                        try {
                            results.add(DecisionEvaluationUtil.evaluateDecision(deployed,
                                    Variables.fromMap(variables)));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                return null;
            });
            double commandRate = rate(COMMAND_ROUNDS * inputs.size(), started);
            assertThat(results).hasSize(COMMAND_ROUNDS * inputs.size());

            System.out.printf("decision throughput %s: DecisionService %.0f evaluations/s, in one command %.0f"
                    + " evaluations/s (load average %s)%n", key, serviceRate, commandRate, loadAverage());
        }
    }

    private static List<Map<String, Object>> inputs(DecisionTable table, GoldenCases cases) {
        return cases.rows().stream().map(row -> {
            Map<String, Object> variables = new HashMap<>();
            for (int i = 0; i < cases.inputNames().size(); i++) {
                String name = cases.inputNames().get(i);
                variables.put(name, table.typedInput(name, row.inputs().get(i)));
            }
            return variables;
        }).toList();
    }

    private static List<Map<String, Object>> plain(List<Map<String, Object>> results) {
        return results.stream().map(result -> (Map<String, Object>) new HashMap<>(result)).toList();
    }

    private static double rate(int evaluations, long startedNanos) {
        return evaluations / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static String loadAverage() {
        return String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }
}
