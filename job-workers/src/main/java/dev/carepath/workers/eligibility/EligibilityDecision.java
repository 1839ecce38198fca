package dev.carepath.workers.eligibility;

import dev.carepath.dmn.FeelEngines;
import dev.carepath.workers.clinical.Intake;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnDecisionResultEntries;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.springframework.stereotype.Component;

/**
 * The eligibility table ({@code dmn/eligibility.dmn}), evaluated inside the clinical boundary: its inputs
 * (age, BMI, comorbidities, contraindication) are derived from the intake and are PHI, so they are not sent
 * to the engine, whose decision history would keep them. Only the outcome and the reason code leave.
 */
@Component
class EligibilityDecision {

    static final String DECISION_KEY = "eligibility";
    /** Contraindications that are a hard no; the table checks them before anything else. */
    private static final List<String> HARD_CONTRAINDICATIONS = List.of("mtc-or-men2", "pregnancy", "concurrent-glp1");

    record Outcome(String outcome, String reasonCode) {
    }

    /** The JVM's shared FEEL engine, which parses each expression of the table once (dev.carepath.dmn.FeelEngines). */
    private final DmnEngine dmn = FeelEngines.dmnEngineConfiguration().buildEngine();
    private final DmnDecision decision;

    EligibilityDecision() {
        try (InputStream table = EligibilityDecision.class.getResourceAsStream("/dmn/eligibility.dmn")) {
            if (table == null) {
                throw new IllegalStateException("dmn/eligibility.dmn is not on the classpath");
            }
            decision = dmn.parseDecision(DECISION_KEY, table);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("dmn/eligibility.dmn unreadable", e);
        }
    }

    Outcome evaluate(String therapy, String stateCode, Intake intake, LocalDate today) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("therapy", therapy);
        inputs.put("stateCode", stateCode);
        inputs.put("age", Period.between(intake.dateOfBirth(), today).getYears());
        inputs.put("bmi", bmi(intake));
        inputs.put("comorbidityCount", intake.comorbidities().size());
        inputs.put("contraindication", contraindication(intake.contraindications()));
        DmnDecisionResultEntries result = dmn.evaluateDecision(decision, inputs).getSingleResult();
        if (result == null) {
            throw new IllegalStateException("the eligibility table gave no result");
        }
        return new Outcome(result.getEntry("outcome"), result.getEntry("reasonCode"));
    }

    /** BMI in kg/m², one decimal. */
    static double bmi(Intake intake) {
        double metres = intake.heightCm() / 100.0;
        return Math.round(intake.weightKg() / (metres * metres) * 10.0) / 10.0;
    }

    /** The one contraindication the table judges: a hard one first, then any other (referred), else none. */
    static String contraindication(List<String> reported) {
        return HARD_CONTRAINDICATIONS.stream().filter(reported::contains).findFirst()
                .orElse(reported.isEmpty() ? "none" : reported.get(0));
    }
}
