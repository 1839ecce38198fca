package dev.carepath.portal.decisions;

import dev.carepath.dmn.DecisionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A decision table as people read it: its columns (label, the variable or output it reads or writes, its type) and its
 * rules, each with its cells as written in FEEL and its annotation (where the rule comes from). Built from the DMN XML
 * alone, so any version the engine holds can be shown and compared with another.
 *
 * @param decisionId the decision's id (= the table's key)
 * @param name       the decision's name
 * @param hitPolicy  the hit policy ({@code UNIQUE} when the file sets none, as DMN says)
 * @param inputs     the input columns, in order
 * @param outputs    the output columns, in order
 * @param rules      the rules, in table order
 */
public record DecisionTableView(String decisionId, String name, String hitPolicy, List<Column> inputs, List<Column> outputs,
        List<Rule> rules) {

    /** A column: its label (or, without one, the expression or name), what it reads or writes, and its type. */
    public record Column(String label, String expression, String typeRef) {
    }

    /** A rule: its id, its input and output cells as written ({@code -} for an empty input cell), its annotation. */
    public record Rule(String id, List<String> inputEntries, List<String> outputEntries, String annotation) {

        /** The same conditions, outputs and annotation (ids aside). */
        public boolean sameAs(Rule other) {
            return inputEntries.equals(other.inputEntries) && outputEntries.equals(other.outputEntries)
                    && annotation.equals(other.annotation);
        }
    }

    /**
     * What changed between two versions, rule by rule (rules are matched by id).
     *
     * @param added     rules only the newer version has
     * @param removed   rules only the older version has
     * @param changed   rules of both whose cells or annotation differ: before and after
     * @param moved     ids of rules present in both whose position in the table differs (order matters for FIRST)
     * @param unchanged how many rules are the same in both
     */
    public record Diff(List<Rule> added, List<Rule> removed, List<Change> changed, List<String> moved, int unchanged) {

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && moved.isEmpty();
        }
    }

    /** One rule in two versions. */
    public record Change(Rule before, Rule after) {

        /** The indexes of the input cells that differ. */
        public List<Integer> inputsChanged() {
            return differing(before.inputEntries(), after.inputEntries());
        }

        /** The indexes of the output cells that differ. */
        public List<Integer> outputsChanged() {
            return differing(before.outputEntries(), after.outputEntries());
        }

        public boolean annotationChanged() {
            return !before.annotation().equals(after.annotation());
        }

        private static List<Integer> differing(List<String> a, List<String> b) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i >= a.size() || i >= b.size() || !Objects.equals(a.get(i), b.get(i))) {
                    indexes.add(i);
                }
            }
            return indexes;
        }
    }

    static DecisionTableView of(DecisionTable table) {
        Element root = table.document().getDocumentElement();
        Element decision = first(root, "decision");
        Element decisionTable = first(root, "decisionTable");
        List<Column> inputs = new ArrayList<>();
        List<Column> outputs = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        if (decisionTable != null) {
            for (Element input : children(decisionTable, "input")) {
                Element expression = first(input, "inputExpression");
                String text = expression == null ? "" : text(expression);
                String type = expression == null ? "" : expression.getAttribute("typeRef");
                inputs.add(new Column(orElse(input.getAttribute("label"), text), text, type));
            }
            for (Element output : children(decisionTable, "output")) {
                outputs.add(new Column(orElse(output.getAttribute("label"), output.getAttribute("name")),
                        output.getAttribute("name"), output.getAttribute("typeRef")));
            }
            for (Element rule : children(decisionTable, "rule")) {
                List<String> in = children(rule, "inputEntry").stream().map(e -> orElse(text(e), "-")).toList();
                List<String> out = children(rule, "outputEntry").stream().map(DecisionTableView::text).toList();
                List<Element> annotation = children(rule, "annotationEntry");
                rules.add(new Rule(rule.getAttribute("id"), in, out,
                        annotation.isEmpty() ? "" : text(annotation.get(0))));
            }
        }
        String hitPolicy = decisionTable == null || decisionTable.getAttribute("hitPolicy").isEmpty()
                ? "UNIQUE" : decisionTable.getAttribute("hitPolicy");
        return new DecisionTableView(decision == null ? "" : decision.getAttribute("id"),
                decision == null ? "" : orElse(decision.getAttribute("name"), decision.getAttribute("id")),
                hitPolicy, List.copyOf(inputs), List.copyOf(outputs), List.copyOf(rules));
    }

    /** What changed from {@code older} to this version. */
    Diff diffFrom(DecisionTableView older) {
        Map<String, Rule> before = byId(older.rules());
        Map<String, Rule> after = byId(rules);
        List<Rule> added = rules.stream().filter(rule -> !before.containsKey(rule.id())).toList();
        List<Rule> removed = older.rules().stream().filter(rule -> !after.containsKey(rule.id())).toList();
        List<Change> changed = new ArrayList<>();
        int unchanged = 0;
        for (Rule rule : rules) {
            Rule was = before.get(rule.id());
            if (was == null) {
                continue;
            }
            if (was.sameAs(rule)) {
                unchanged++;
            } else {
                changed.add(new Change(was, rule));
            }
        }
        List<String> olderOrder = older.rules().stream().map(Rule::id).filter(after::containsKey).toList();
        List<String> newerOrder = rules.stream().map(Rule::id).filter(before::containsKey).toList();
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < newerOrder.size(); i++) {
            if (!newerOrder.get(i).equals(olderOrder.get(i))) {
                moved.add(newerOrder.get(i));
            }
        }
        return new Diff(added, removed, List.copyOf(changed), List.copyOf(moved), unchanged);
    }

    private static Map<String, Rule> byId(List<Rule> rules) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        rules.forEach(rule -> byId.putIfAbsent(rule.id(), rule));
        return byId;
    }

    private static Element first(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(DecisionTable.DMN_13_NAMESPACE, localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    /** Direct children in the DMN namespace with this local name, in document order. */
    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && DecisionTable.DMN_13_NAMESPACE.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The trimmed content of the element's {@code <text>} child; empty when it has none. */
    private static String text(Element element) {
        List<Element> texts = children(element, "text");
        return texts.isEmpty() ? "" : texts.get(0).getTextContent().trim();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
