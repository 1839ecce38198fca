package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The STYLE.md rules for DMN files, checked on every {@code dmn/*.dmn} the jar carries. */
class DecisionTableConventionsTest {

    private static final String DMNDI_NAMESPACE = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    /** Modeler-generated ids: a prefix, then a 7-character random suffix with a digit (Rule_0abc123), or a bare number. */
    private static final Pattern GENERATED_ID = Pattern.compile(".*_((?=[a-z]*[0-9])[0-9a-z]{7}|[0-9]+)");

    static Stream<String> tables() {
        return ShippedTables.fileKeys().stream();
    }

    @Test
    void theModuleCarriesDecisionTables() {
        assertThat(ShippedTables.fileKeys())
            .contains("eligibility", "provider-routing", "pharmacy-routing", "titration")
            .as("DecisionTables.KEYS, what the portal's deployment gate knows")
            .containsExactlyElementsOf(DecisionTables.KEYS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void holdsExactlyOneDecisionNamedLikeTheFile(String key) {
        DecisionTable table = ShippedTables.read(key);

        assertThat(table.document().getDocumentElement().getNamespaceURI()).isEqualTo(DecisionTable.DMN_13_NAMESPACE);
        assertThat(DecisionTable.elements(table.document().getDocumentElement(), "decision")).hasSize(1);
        assertThat(DecisionTable.elements(table.document().getDocumentElement(), "decisionTable")).hasSize(1);
        assertThat(table.decisionId()).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void setsItsHitPolicyExplicitly(String key) {
        assertThat(ShippedTables.read(key).hitPolicy()).as("hitPolicy attribute of the decision table").isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void saysWhyEveryRuleExists(String key) {
        DecisionTable table = ShippedTables.read(key);
        Element decisionTable = DecisionTable.elements(table.document().getDocumentElement(), "decisionTable").get(0);

        assertThat(DecisionTable.elements(decisionTable, "annotation")).as("annotation column").isNotEmpty();
        List<Element> rules = DecisionTable.elements(decisionTable, "rule");
        assertThat(rules).as("rules").isNotEmpty();
        for (Element rule : rules) {
            List<Element> annotations = DecisionTable.elements(rule, "annotationEntry");
            assertThat(annotations).as("annotation of %s", rule.getAttribute("id")).isNotEmpty()
                .allSatisfy(annotation -> assertThat(DecisionTable.text(annotation)).isNotBlank());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void namesEveryElementForWhatItIs(String key) {
        DecisionTable table = ShippedTables.read(key);
        List<String> ids = new ArrayList<>();
        NodeList all = table.document().getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("id")) {
                ids.add(element.getAttribute("id"));
            }
        }

        assertThat(table.ruleIds()).as("every rule has an id").allSatisfy(id -> assertThat(id).startsWith("Rule_"));
        assertThat(ids).as("ids").doesNotHaveDuplicates()
            .allSatisfy(id -> assertThat(id).doesNotMatch(GENERATED_ID));
    }

    /**
     * The Desktop Modeler opens a file on its decision requirements diagram (DRD), drawn from the file's DMNDI: one
     * diagram with a shape for every decision, input data, knowledge source and business knowledge model.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void drawsEveryElementOfItsRequirementsDiagram(String key) {
        Element definitions = ShippedTables.read(key).document().getDocumentElement();
        List<Element> diagrams = dmndi(definitions, "DMNDiagram");
        assertThat(diagrams).as("DMNDI diagrams").hasSize(1);

        List<String> drawn = dmndi(diagrams.get(0), "DMNShape").stream()
            .map(shape -> shape.getAttribute("dmnElementRef")).toList();
        List<String> drgElements = Stream.of("decision", "inputData", "knowledgeSource", "businessKnowledgeModel")
            .flatMap(name -> DecisionTable.elements(definitions, name).stream())
            .map(element -> element.getAttribute("id")).toList();
        assertThat(drawn).as("shapes of %s", key).containsExactlyInAnyOrderElementsOf(drgElements).contains(key);
        assertThat(dmndi(diagrams.get(0), "DMNShape")).allSatisfy(shape ->
            assertThat(shape.getElementsByTagNameNS("*", "Bounds").getLength()).as("bounds").isEqualTo(1));
    }

    private static List<Element> dmndi(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(DMNDI_NAMESPACE, localName);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    @Test
    void recognisesGeneratedIds() {
        assertThat("Rule_0abc123").matches(GENERATED_ID);
        assertThat("DecisionRule_1ugs0ly").matches(GENERATED_ID);
        assertThat("InputClause_1").matches(GENERATED_ID);
        assertThat("Rule_MeridianLicensedStates").doesNotMatch(GENERATED_ID);
        assertThat("InputEntry_UnderAge_Therapy").doesNotMatch(GENERATED_ID);
    }
}
