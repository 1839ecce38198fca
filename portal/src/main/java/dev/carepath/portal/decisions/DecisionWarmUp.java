package dev.carepath.portal.decisions;

import dev.carepath.dmn.DecisionTables;
import dev.carepath.dmn.GoldenCaseRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Runs every shipped table's golden cases once at start: the DMN engine's FEEL parser is slow until it has warmed
 * up, and the first staff upload should not pay for that. A shipped table failing its own golden cases would be a
 * broken build; it is logged as an error.
 */
@Component
class DecisionWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DecisionWarmUp.class);

    private final GoldenCaseRunner runner;

    DecisionWarmUp(GoldenCaseRunner runner) {
        this.runner = runner;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        for (String key : DecisionTables.KEYS) {
            var shipped = DecisionDeployments.ShippedDecision.of(key);
            GoldenCaseRunner.Report report = runner.run(shipped.table(), shipped.goldenCases());
            if (!report.passed()) {
                log.error("the shipped table {} fails {} of its golden cases", key, report.failures().size());
            }
        }
        log.info("decision tables warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
