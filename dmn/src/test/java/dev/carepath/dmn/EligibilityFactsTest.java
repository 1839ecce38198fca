package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The eligibility table's inputs as derived from an intake's facts. */
class EligibilityFactsTest {

    @Test
    void bmiIsWeightOverHeightSquaredToOneDecimal() {
        assertThat(EligibilityFacts.bmi(170, 95)).isEqualTo(32.9);
        assertThat(EligibilityFacts.bmi(180, 80)).isEqualTo(24.7);
    }

    @Test
    void aHardContraindicationIsJudgedBeforeAnyOther() {
        assertThat(EligibilityFacts.contraindication(List.of("gallstones", "pregnancy"))).isEqualTo("pregnancy");
        assertThat(EligibilityFacts.contraindication(List.of("gallstones"))).isEqualTo("gallstones");
        assertThat(EligibilityFacts.contraindication(List.of())).isEqualTo("none");
    }

    @Test
    void theInputsAreNamedAsTheTableReadsThem() {
        EligibilityFacts facts = EligibilityFacts.of("semaglutide", "TX", 41, 170, 95, List.of("hypertension"),
                List.of());

        assertThat(facts.inputs()).containsOnlyKeys("therapy", "stateCode", "age", "bmi", "comorbidityCount",
                "contraindication")
                .containsEntry("age", 41).containsEntry("bmi", 32.9).containsEntry("comorbidityCount", 1)
                .containsEntry("contraindication", "none");
        assertThat(facts.toString()).doesNotContain("32.9").doesNotContain("41");
    }
}
