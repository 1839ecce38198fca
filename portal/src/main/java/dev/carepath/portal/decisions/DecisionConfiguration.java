package dev.carepath.portal.decisions;

import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.GoldenCaseRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One DMN engine for the portal: the deployment gate and what-if evaluations share it. */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

    @Bean
    DecisionEvaluator decisionEvaluator() {
        return new DecisionEvaluator();
    }

    @Bean
    GoldenCaseRunner goldenCaseRunner(DecisionEvaluator evaluator) {
        return new GoldenCaseRunner(evaluator);
    }
}
