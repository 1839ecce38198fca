package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The deployment gate's verdicts: the shipped tables pass, edited tables fail for the right rows and reasons. */
class GoldenCaseRunnerTest {

    static final java.util.List<String> KEYS = DecisionTables.KEYS;

    private final GoldenCaseRunner runner = new GoldenCaseRunner(new DecisionEvaluator());

    @ParameterizedTest(name = "{0}")
    @FieldSource("KEYS")
    void theShippedTablesPassEveryRowAndReachEveryRule(String key) {
        GoldenCaseRunner.Report report = runner.run(ShippedTables.read(key), DecisionTables.goldenCases(key).orElseThrow());

        assertThat(report.passed()).as("%s", report).isTrue();
        assertThat(report.rowsRun()).isGreaterThanOrEqualTo(30);
        assertThat(report.unreachedRules()).isEmpty();
    }

    @Test
    void aTableThatDropsALicensedStateFailsExactlyTheRowsOfThatState() {
        DecisionTable edited = edit("provider-routing",
            "<text>\"CA\",\"TX\",\"FL\",\"NY\",\"IL\",\"WA\",\"CO\",\"GA\",\"PA\",\"OH\",\"NC\",\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\"</text></inputEntry>\n"
                + "        <inputEntry id=\"InputEntry_MeridianTherapies\">",
            "<text>\"CA\",\"FL\",\"NY\",\"IL\",\"WA\",\"CO\",\"GA\",\"PA\",\"OH\",\"NC\",\"AZ\",\"NJ\",\"MA\",\"VA\",\"MI\"</text></inputEntry>\n"
                + "        <inputEntry id=\"InputEntry_MeridianTherapies\">");

        GoldenCaseRunner.Report report = runner.run(edited, DecisionTables.goldenCases("provider-routing").orElseThrow());

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.line()).isEqualTo(3);
            assertThat(failure.inputs()).containsExactly(Map.entry("stateCode", "TX"), Map.entry("therapy", "semaglutide"));
            assertThat(failure.expected()).containsExactly(Map.entry("providerNetwork", "meridian-health"));
            assertThat(failure.actual()).containsExactly(Map.of("providerNetwork", "bluepeak-clinicians"));
            assertThat(failure.reason()).isEqualTo("wrong providerNetwork");
        });
    }

    @Test
    void aTableThatNoLongerTakesAnInputTheProcessPassesIsRefusedBeforeAnyRowRuns() {
        DecisionTable edited = edit("pharmacy-routing", "<text>tenantPlan</text>", "<text>planTier</text>");

        GoldenCaseRunner.Report report = runner.run(edited, DecisionTables.goldenCases("pharmacy-routing").orElseThrow());

        assertThat(report.passed()).isFalse();
        assertThat(report.rowsRun()).isZero();
        assertThat(report.headerProblems()).containsExactly("the table has no input 'tenantPlan'",
            "the golden cases have no input column 'planTier'");
    }

    @Test
    void overlappingRulesInAUniqueTableFailAsUnevaluable() {
        // Step 2 tolerated now also matches the step-1 rule: two rules of a UNIQUE table match.
        DecisionTable edited = edit("titration",
            "<inputEntry id=\"InputEntry_SemaglutideStep1ToleratedEscalate_CurrentDoseStep\"><text>1</text>",
            "<inputEntry id=\"InputEntry_SemaglutideStep1ToleratedEscalate_CurrentDoseStep\"><text>[1..2]</text>");

        GoldenCaseRunner.Report report = runner.run(edited, DecisionTables.goldenCases("titration").orElseThrow());

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.inputs()).containsEntry("currentDoseStep", "2").containsEntry("tolerated", "true");
            assertThat(failure.reason()).startsWith("the table could not be evaluated");
        });
    }

    @Test
    void aFileThatIsNotDmnIsRefused() {
        assertThatThrownBy(() -> DecisionTable.parse("not xml".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(InvalidDecisionTableException.class).hasMessage("The file is not well-formed XML.");
        assertThatThrownBy(() -> DecisionTable.parse("<definitions xmlns=\"https://www.omg.org/spec/DMN/20151101/dmn.xsd\"/>"
            .getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(InvalidDecisionTableException.class).hasMessageStartingWith("The file is not a DMN 1.3 document");
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() {
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
            + "<definitions xmlns=\"" + DecisionTable.DMN_13_NAMESPACE + "\">&x;</definitions>";

        assertThatThrownBy(() -> DecisionTable.parse(withEntity.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(InvalidDecisionTableException.class);
    }

    @Test
    void inputsAreTypedAsTheTableDeclaresThem() {
        DecisionTable eligibility = ShippedTables.read("eligibility");

        assertThat(eligibility.typedInput("age", 40.0)).isEqualTo(40);
        assertThat(eligibility.typedInput("age", "40")).isEqualTo(40);
        assertThat(eligibility.typedInput("bmi", 31)).isEqualTo(31.0);
        assertThat(eligibility.typedInput("comorbidityCount", "")).isNull();
        assertThatThrownBy(() -> eligibility.typedInput("age", "forty")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ShippedTables.read("titration").typedInput("tolerated", "false")).isEqualTo(Boolean.FALSE);
    }

    private static DecisionTable edit(String key, String from, String to) {
        String xml = ShippedTables.read(key).xmlText();
        assertThat(xml).as("the edit's anchor").contains(from);
        return DecisionTable.parse(xml.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }
}
