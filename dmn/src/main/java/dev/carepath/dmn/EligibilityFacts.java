package dev.carepath.dmn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the eligibility table ({@code dmn/eligibility.dmn}) as they are derived from a patient's intake: age
 * in whole years, BMI in kg/m² to one decimal, the number of weight-related comorbidities and the one
 * contraindication the table judges (a hard one first, then any other, which the table refers to a clinician, else
 * {@code none}). One derivation for every place that evaluates the table: the job-workers' eligibility worker on the
 * sealed intake, and the portal's what-if ({@code check_eligibility}) on the facts an agent gives.
 *
 * @param therapy          the therapy code
 * @param stateCode        the patient's state
 * @param age              age in whole years
 * @param bmi              BMI in kg/m², one decimal
 * @param comorbidityCount how many weight-related comorbidities were reported
 * @param contraindication the contraindication the table judges, or {@code none}
 */
public record EligibilityFacts(String therapy, String stateCode, int age, double bmi, int comorbidityCount,
        String contraindication) {

    /** Contraindications that are a hard no; the table checks them before anything else. */
    public static final List<String> HARD_CONTRAINDICATIONS = List.of("mtc-or-men2", "pregnancy", "concurrent-glp1");

    /** What the table reads when no contraindication was reported. */
    public static final String NO_CONTRAINDICATION = "none";

    /** The facts of an intake: the lists may be empty, never null. */
    public static EligibilityFacts of(String therapy, String stateCode, int age, double heightCm, double weightKg,
            List<String> comorbidities, List<String> contraindications) {
        return new EligibilityFacts(therapy, stateCode, age, bmi(heightCm, weightKg), comorbidities.size(),
                contraindication(contraindications));
    }

    /** BMI in kg/m², one decimal. */
    public static double bmi(double heightCm, double weightKg) {
        double metres = heightCm / 100.0;
        return Math.round(weightKg / (metres * metres) * 10.0) / 10.0;
    }

    /** The one contraindication the table judges: a hard one first, then any other (referred), else none. */
    public static String contraindication(List<String> reported) {
        return HARD_CONTRAINDICATIONS.stream().filter(reported::contains).findFirst()
                .orElse(reported.isEmpty() ? NO_CONTRAINDICATION : reported.get(0));
    }

    /** The table's input variables, by the names its input expressions read. */
    public Map<String, Object> inputs() {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("therapy", therapy);
        inputs.put("stateCode", stateCode);
        inputs.put("age", age);
        inputs.put("bmi", bmi);
        inputs.put("comorbidityCount", comorbidityCount);
        inputs.put("contraindication", contraindication);
        return inputs;
    }

    /** Names no value: age, BMI and contraindications are clinical facts. */
    @Override
    public String toString() {
        return "EligibilityFacts[therapy=" + therapy + ", stateCode=" + stateCode + ", <clinical facts redacted>]";
    }
}
