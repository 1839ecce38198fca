package dev.carepath.portal.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decision pages' reading of a DMN file and their rule-level diff, on the shipped tables and edits of them. */
class DecisionTableViewTest {

    private static final String ELIGIBILITY = DecisionTables.shipped("eligibility").orElseThrow().xmlText();

    @Test
    void theEligibilityTableReadsAsColumnsAndRulesWithTheirAnnotations() {
        DecisionTableView view = view(ELIGIBILITY);

        assertThat(view.decisionId()).isEqualTo("eligibility");
        assertThat(view.name()).isEqualTo("Eligibility");
        assertThat(view.hitPolicy()).isEqualTo("FIRST");
        assertThat(view.inputs()).extracting(DecisionTableView.Column::expression)
                .containsExactly("therapy", "stateCode", "age", "bmi", "comorbidityCount", "contraindication");
        assertThat(view.inputs().get(1).label()).isEqualTo("Patient state");
        assertThat(view.outputs()).extracting(DecisionTableView.Column::expression).containsExactly("outcome", "reasonCode");
        DecisionTableView.Rule noNetwork = view.rules().stream().filter(r -> r.id().equals("Rule_Glp1NoLicensedNetwork"))
                .findFirst().orElseThrow();
        assertThat(noNetwork.inputEntries()).containsExactly("\"semaglutide\",\"tirzepatide\"", "\"LA\",\"MS\",\"AL\"",
                "-", "-", "-", "-");
        assertThat(noNetwork.outputEntries()).containsExactly("\"not-offered-in-state\"", "\"NOT_OFFERED_IN_STATE\"");
        assertThat(noNetwork.annotation()).startsWith("DOMAIN.md, Licensure and routing");
        assertThat(view.rules()).hasSize(DecisionTable.parse(ELIGIBILITY.getBytes(StandardCharsets.UTF_8)).ruleIds().size());
    }

    @Test
    void everyShippedTableHasRulesAndAnAnnotationOnEachRule() {
        for (String key : DecisionTables.KEYS) {
            DecisionTableView view = view(DecisionTables.shipped(key).orElseThrow().xmlText());
            assertThat(view.rules()).as(key).isNotEmpty();
            assertThat(view.rules()).as(key).allSatisfy(rule -> {
                assertThat(rule.inputEntries()).hasSize(view.inputs().size());
                assertThat(rule.outputEntries()).hasSize(view.outputs().size());
                assertThat(rule.annotation()).isNotBlank();
            });
        }
    }

    @Test
    void aChangedCellIsOneChangedRuleNamingTheCell() {
        DecisionTableView before = view(ELIGIBILITY);
        DecisionTableView after = view(ELIGIBILITY.replace("<text>\"LA\",\"MS\",\"AL\"</text>",
                "<text>\"LA\",\"MS\",\"AL\",\"NV\"</text>"));

        DecisionTableView.Diff diff = after.diffFrom(before);

        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.moved()).isEmpty();
        assertThat(diff.changed()).singleElement().satisfies(change -> {
            assertThat(change.after().id()).isEqualTo("Rule_Glp1NoLicensedNetwork");
            assertThat(change.inputsChanged()).containsExactly(1);
            assertThat(change.outputsChanged()).isEmpty();
            assertThat(change.annotationChanged()).isFalse();
        });
        assertThat(diff.unchanged()).isEqualTo(before.rules().size() - 1);
        assertThat(before.diffFrom(before).isEmpty()).isTrue();
    }

    @Test
    void addedRemovedAndMovedRulesAreNamed() {
        DecisionTableView before = view(ELIGIBILITY);
        String renamed = ELIGIBILITY.replace("<rule id=\"Rule_Glp1NoLicensedNetwork\">",
                "<rule id=\"Rule_Glp1NoNetworkYet\">");
        DecisionTableView after = view(renamed);

        DecisionTableView.Diff diff = after.diffFrom(before);

        assertThat(diff.added()).extracting(DecisionTableView.Rule::id).containsExactly("Rule_Glp1NoNetworkYet");
        assertThat(diff.removed()).extracting(DecisionTableView.Rule::id).containsExactly("Rule_Glp1NoLicensedNetwork");
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();

        // Two rules swapped: both are present in both versions, at other places.
        String first = section(ELIGIBILITY, "Rule_CompoundedGlp1NotOffered");
        String second = section(ELIGIBILITY, "Rule_Glp1NoLicensedNetwork");
        String swapped = ELIGIBILITY.replace(first + second, second + first);
        assertThat(swapped).isNotEqualTo(ELIGIBILITY);
        assertThat(view(swapped).diffFrom(before).moved())
                .containsExactly("Rule_Glp1NoLicensedNetwork", "Rule_CompoundedGlp1NotOffered");
    }

    /** The text of one {@code <rule>} element with the whitespace up to the next one. */
    private static String section(String xml, String ruleId) {
        int start = xml.indexOf("<rule id=\"" + ruleId + "\">");
        int end = xml.indexOf("<rule id=", start + 1);
        return xml.substring(start, end);
    }

    private static DecisionTableView view(String xml) {
        return DecisionTableView.of(DecisionTable.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
