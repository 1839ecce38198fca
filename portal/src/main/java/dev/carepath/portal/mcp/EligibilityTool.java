package dev.carepath.portal.mcp;

import dev.carepath.dmn.EligibilityFacts;
import dev.carepath.portal.decisions.WhatIfEvaluations;
import dev.carepath.portal.journeys.UsStates;
import dev.carepath.portal.tenants.Tenants;
import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code check_eligibility}: a what-if on the eligibility table in force, the staff what-if
 * ({@link WhatIfEvaluations}, {@code POST /v1/admin/decisions/eligibility/evaluations}) asked with the table's inputs
 * derived from the facts the agent gives exactly as the eligibility worker derives them from an intake
 * ({@link EligibilityFacts}). Nothing is stored and no fact is logged; the answer adds whether the token's tenant is
 * entitled to the therapy in the state ({@link Tenants#entitles}, what {@code POST /v1/journeys} checks).
 */
@Component
class EligibilityTool {

    static final String SCOPE = "journeys:read";
    static final String DECISION_KEY = "eligibility";
    private static final String CODE = "[a-z0-9][a-z0-9-]{0,63}";
    private static final String CODE_MESSAGE = "must be codes of 1-64 lower-case letters, digits or hyphens";

    /** The facts asked about. Constraint messages describe the expected form only, never the value given. */
    record Question(
            @NotNull(message = "is required")
            @Pattern(regexp = CODE, message = "must be a therapy code of lower-case letters, digits or hyphens")
            String therapy,

            @NotNull(message = "is required")
            String stateCode,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be between 0 and 130 (years)")
            @Max(value = 130, message = "must be between 0 and 130 (years)")
            Integer age,

            @DecimalMin(value = "50", message = "must be between 50 and 272 (centimetres)")
            @DecimalMax(value = "272", message = "must be between 50 and 272 (centimetres)")
            Double heightCm,

            @DecimalMin(value = "20", message = "must be between 20 and 500 (kilograms)")
            @DecimalMax(value = "500", message = "must be between 20 and 500 (kilograms)")
            Double weightKg,

            @DecimalMin(value = "5", message = "must be between 5 and 150 (kg/m2)")
            @DecimalMax(value = "150", message = "must be between 5 and 150 (kg/m2)")
            Double bmi,

            @Size(max = 20, message = "must hold at most 20 codes")
            List<@NotNull(message = "must be a code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String>
                    comorbidities,

            @Size(max = 20, message = "must hold at most 20 codes")
            List<@NotNull(message = "must be a code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String>
                    contraindications) {

        @AssertTrue(message = "must be the upper-case two-letter code of a US state or DC")
        boolean isStateCodeValid() {
            return stateCode == null || UsStates.isCode(stateCode);
        }

        @AssertTrue(message = "give heightCm and weightKg, or bmi")
        boolean isBodyGiven() {
            return bmi != null || (heightCm != null && weightKg != null);
        }

        EligibilityFacts facts() {
            double judged = bmi != null ? Math.round(bmi * 10.0) / 10.0 : EligibilityFacts.bmi(heightCm, weightKg);
            List<String> contra = contraindications == null ? List.of() : contraindications;
            return new EligibilityFacts(therapy, stateCode, age, judged,
                    comorbidities == null ? 0 : comorbidities.size(), EligibilityFacts.contraindication(contra));
        }

        @Override
        public String toString() {
            return "Question[therapy=" + therapy + ", stateCode=" + stateCode + ", <clinical facts redacted>]";
        }
    }

    /** The version of the table that answered. */
    record Decision(String key, int version, String decisionDefinitionId) {
    }

    /** {@code check_eligibility}'s answer. */
    record Answer(String therapy, String stateCode, String outcome, String reasonCode, double bmi, boolean entitled,
            List<WhatIfEvaluations.MatchedRule> matchedRules, Decision decision) {
    }

    private final WhatIfEvaluations whatIf;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final Validator validator;

    EligibilityTool(WhatIfEvaluations whatIf, Tenants tenants, TenantTransactions transactions, Validator validator) {
        this.whatIf = whatIf;
        this.tenants = tenants;
        this.transactions = transactions;
        this.validator = validator;
    }

    Answer check(Caller caller, Arguments arguments) {
        String tenant = caller.tenant();
        Question question = arguments.as(Question.class);
        List<Problems.FieldError> errors = validator.validate(question).stream()
                .map(v -> new Problems.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field).thenComparing(Problems.FieldError::message))
                .distinct()
                .toList();
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        EligibilityFacts facts = question.facts();
        WhatIfEvaluations.Answer answer = whatIf.evaluate(DECISION_KEY, facts.inputs());
        Map<String, Object> result = answer.results().isEmpty() ? Map.of() : answer.results().get(0);
        boolean entitled = transactions.call(tenant,
                () -> tenants.entitles(tenant, question.therapy(), question.stateCode()));
        return new Answer(question.therapy(), question.stateCode(), (String) result.get("outcome"),
                (String) result.get("reasonCode"), facts.bmi(), entitled, answer.matchedRules(),
                new Decision(answer.decisionKey(), answer.version(), answer.decisionDefinitionId()));
    }

    /** A constraint's path as the argument's name: {@code stateCodeValid} → {@code stateCode}, list elements as
     * {@code field[i]}. */
    private static String field(String path) {
        String field = path.replace(".<list element>", "");
        return switch (field) {
            case "stateCodeValid" -> "stateCode";
            case "bodyGiven" -> "bmi";
            default -> field;
        };
    }
}
