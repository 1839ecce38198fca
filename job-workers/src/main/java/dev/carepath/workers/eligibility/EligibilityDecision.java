package dev.carepath.workers.eligibility;

import dev.carepath.dmn.EligibilityFacts;
import dev.carepath.dmn.FeelEngines;
import dev.carepath.workers.clinical.api.Intake;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.Period;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnDecisionResultEntries;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.springframework.stereotype.Component;

/**
 * The eligibility table in force (the engine's latest deployment of {@code eligibility}, {@link DeployedTables}),
 * evaluated inside the clinical boundary: its inputs (age, BMI, comorbidities, contraindication) are derived from
 * the intake and are PHI, so they are not sent to the engine, whose decision history would keep them. Only the
 * outcome and the reason code leave.
 */
@Component
class EligibilityDecision {

    static final String DECISION_KEY = "eligibility";

    record Outcome(String outcome, String reasonCode) {
    }

    /** The JVM's shared FEEL engine, which parses each expression of the table once (dev.carepath.dmn.FeelEngines). */
    private final DmnEngine dmn = FeelEngines.dmnEngineConfiguration().buildEngine();
    private final DeployedTables tables;

    EligibilityDecision(DeployedTables tables) {
        this.tables = tables;
    }

    Outcome evaluate(String therapy, String stateCode, Intake intake, LocalDate today) {
        var table = tables.latest(DECISION_KEY, this::parse);
        EligibilityFacts facts = EligibilityFacts.of(therapy, stateCode,
                Period.between(intake.dateOfBirth(), today).getYears(), intake.heightCm(), intake.weightKg(),
                intake.comorbidities(), intake.contraindications());
        DmnDecisionResultEntries result = dmn.evaluateDecision(table.table(), facts.inputs()).getSingleResult();
        if (result == null) {
            throw new IllegalStateException("the eligibility table (version " + table.version() + ") gave no result");
        }
        return new Outcome(result.getEntry("outcome"), result.getEntry("reasonCode"));
    }

    private DmnDecision parse(byte[] xml) {
        return dmn.parseDecision(DECISION_KEY, new ByteArrayInputStream(xml));
    }
}
