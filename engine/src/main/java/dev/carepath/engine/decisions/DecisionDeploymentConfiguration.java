package dev.carepath.engine.decisions;

import dev.carepath.dmn.FeelEngines;
import org.operaton.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys the shipped decision tables once the engine is built, before its job executor runs any business rule
 * task. Operaton's own auto-deployment covers the BPMN models only ({@code operaton.bpm.deployment-resource-pattern}):
 * it would redeploy every table whenever any model changed, over clinical ops' edits.
 *
 * <p>The engine's DMN engine (business rule tasks, {@code DecisionService}, the REST API) evaluates FEEL with the
 * JVM's shared FEEL engine, which parses each expression once ({@link FeelEngines}); Operaton's default parses every
 * input entry again on each evaluation.
 */
@Configuration
class DecisionDeploymentConfiguration {

    @Bean
    ShippedDecisions shippedDecisions() {
        return new ShippedDecisions();
    }

    @Bean
    ProcessEnginePlugin sharedFeelEnginePlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
                if (dmn == null) {
                    configuration.setDmnEngineConfiguration(FeelEngines.dmnEngineConfiguration());
                } else {
                    dmn.setFeelEngineFactory(FeelEngines.factory());
                }
            }
        };
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
