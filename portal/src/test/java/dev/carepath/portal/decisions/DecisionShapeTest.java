package dev.carepath.portal.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the gate requires of an upload before any golden case runs: the decision the process needs. */
class DecisionShapeTest {

    private final DecisionTable shipped = DecisionTables.shipped("pharmacy-routing").orElseThrow();

    @Test
    void theShippedTableHasTheShapeTheProcessNeeds() {
        assertThat(DecisionDeployments.shapeProblems("pharmacy-routing", shipped, shipped)).isEmpty();
    }

    @Test
    void anotherDecisionIdIsRefused() {
        assertThat(DecisionDeployments.shapeProblems("provider-routing", shipped,
                DecisionTables.shipped("provider-routing").orElseThrow()))
                .contains("the decision's id must be 'provider-routing'", "unknown input 'tenantPlan': the process does"
                        + " not pass it", "missing output 'providerNetwork', which the process reads");
    }

    @Test
    void aRenamedInputAndAMissingOutputAreNamed() {
        DecisionTable edited = edit(shipped.xmlText().replace("<text>tenantPlan</text>", "<text>tier</text>")
                .replace("name=\"pharmacy\"", "name=\"pharmacyPartner\""));

        assertThat(DecisionDeployments.shapeProblems("pharmacy-routing", edited, shipped)).containsExactly(
                "missing input 'tenantPlan', which the process passes",
                "unknown input 'tier': the process does not pass it",
                "missing output 'pharmacy', which the process reads");
    }

    @Test
    void twoDecisionsInOneFileAreRefused() {
        String xml = shipped.xmlText();
        int start = xml.indexOf("<decision ");
        int end = xml.indexOf("</decision>") + "</decision>".length();
        String second = xml.substring(start, end).replace("id=\"pharmacy-routing\"", "id=\"pharmacy-routing-copy\"")
                .replace("id=\"", "id=\"Copy_");
        DecisionTable twice = edit(xml.substring(0, end) + second + xml.substring(end));

        assertThat(DecisionDeployments.shapeProblems("pharmacy-routing", twice, shipped))
                .containsExactly("the file must hold exactly one decision; it holds 2",
                        "the decision must be one decision table; the file holds 2");
    }

    private static DecisionTable edit(String xml) {
        return DecisionTable.parse(xml.getBytes(StandardCharsets.UTF_8));
    }
}
