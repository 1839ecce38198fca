package dev.carepath.engine.decisions;

import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys the shipped decision tables once the engine is built, before its job executor runs any business rule
 * task. Operaton's own auto-deployment covers the BPMN models only ({@code operaton.bpm.deployment-resource-pattern}):
 * it would redeploy every table whenever any model changed, over clinical ops' edits.
 */
@Configuration
class DecisionDeploymentConfiguration {

    @Bean
    ShippedDecisions shippedDecisions() {
        return new ShippedDecisions();
    }

    @Bean
    ProcessEnginePlugin shippedDecisionsPlugin(ShippedDecisions shippedDecisions) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void postProcessEngineBuild(ProcessEngine engine) {
                shippedDecisions.deploy(engine.getRepositoryService(), ShippedDecisions.fromClasspath());
            }
        };
    }
}
