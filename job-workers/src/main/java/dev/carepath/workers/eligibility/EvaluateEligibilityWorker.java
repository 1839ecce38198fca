package dev.carepath.workers.eligibility;

import dev.carepath.workers.clinical.api.Intakes;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code evaluate-eligibility}: reads the order's intake from the clinical store, evaluates the eligibility
 * table and completes with the outcome and reason code only. An intake that has not arrived yet is a
 * failure that is retried with backoff (the agent gives it through the portal after the start request). The
 * evaluation's read closes the intake: from then on the agent can no longer replace it. The outcome is kept once per
 * order together with {@code patient.qualified} (outcome and reason code only), so a task run again publishes nothing.
 */
@Component
@ExternalTaskSubscription(topicName = EvaluateEligibilityWorker.TOPIC, variableNames = {"therapy", "stateCode", JourneyTask.TRACEPARENT})
public class EvaluateEligibilityWorker extends JourneyTask {

    static final String TOPIC = "evaluate-eligibility";
    /** The intake fields the eligibility table's inputs come from. */
    private static final List<String> READS = List.of("dateOfBirth", "heightCm", "weightKg", "comorbidities",
            "contraindications");
    /** The outcomes the journey model's gateway after the evaluation routes on. */
    private static final List<String> OUTCOMES = List.of("eligible", "refer", "ineligible", "not-offered-in-state");

    private final Intakes intakes;
    private final EligibilityDecision decision;
    private final Evaluations evaluations;
    private final Clock clock;
    private final MeterRegistry meters;

    EvaluateEligibilityWorker(Intakes intakes, EligibilityDecision decision, Evaluations evaluations,
            RetryPolicy retries, ObjectProvider<MeterRegistry> meters) {
        super(TOPIC, Set.of(), retries);
        this.intakes = intakes;
        this.decision = decision;
        this.evaluations = evaluations;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.clock = Clock.systemUTC();
        // Each outcome the journey model routes on is counted from 0 at start, so a restarted worker serves the series
        // before its first evaluation (Prometheus sees a counter reset, not a series that vanished).
        OUTCOMES.forEach(this::evaluatedCounter);
    }

    /** The counter of evaluations that ended with {@code outcome}. */
    private Counter evaluatedCounter(String outcome) {
        return Counter.builder("carepath.decisions.evaluated").description("decisions evaluated, by outcome")
                .tag("decision", "eligibility").tag("outcome", outcome).register(meters);
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        String therapy = task.getVariable("therapy");
        String stateCode = task.getVariable("stateCode");
        var outcome = evaluations.of(tenantId, orderId).orElseGet(() -> {
            var intake = intakes.forEvaluation(tenantId, orderId, "job-workers/" + TOPIC, "eligibility-evaluation", READS)
                    .orElseThrow(() -> new IllegalStateException("no intake on file yet"));
            var evaluated = decision.evaluate(therapy, stateCode, intake, LocalDate.now(clock));
            // The kept outcome and patient.qualified commit together, once per order; a run that lost the race to
            // another completes with the outcome that was kept.
            var kept = evaluations.record(tenantId, orderId, therapy, stateCode, evaluated);
            // Evaluated here, inside the clinical boundary, not by the engine: counted like the engine's decisions.
            evaluatedCounter(String.valueOf(evaluated.outcome())).increment();
            return kept;
        });
        return Map.of("eligibilityOutcome", outcome.outcome(), "eligibilityReason", outcome.reasonCode());
    }
}
