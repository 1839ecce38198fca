package dev.carepath.dmn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The decision tables as the jar carries them ({@code dmn/*.dmn} on the classpath), read as plain XML so the
 * checks do not depend on engine internals.
 */
final class DecisionTables {

    static final String DMN_13_NAMESPACE = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    private DecisionTables() {
    }

    /** A parsed {@code .dmn} file: what the tests need to know about its single decision table. */
    record Table(String fileKey, Document document, String decisionId, String hitPolicy,
                 Map<String, String> inputTypes, List<String> outputNames, List<String> ruleIds) {
    }

    /** Every {@code dmn/*.dmn} on the classpath, by file name without the extension. */
    static List<String> fileKeys() {
        URL dir = DecisionTables.class.getResource("/dmn");
        if (dir == null) {
            throw new IllegalStateException("no dmn/ folder on the classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".dmn"))
                .map(name -> name.substring(0, name.length() - ".dmn".length()))
                .sorted()
                .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream open(String fileKey) {
        InputStream in = DecisionTables.class.getResourceAsStream("/dmn/" + fileKey + ".dmn");
        if (in == null) {
            throw new IllegalStateException("no dmn/" + fileKey + ".dmn on the classpath");
        }
        return in;
    }

    static Table read(String fileKey) {
        Document document = parse(fileKey);
        List<Element> decisions = elements(document.getDocumentElement(), "decision");
        List<Element> tables = elements(document.getDocumentElement(), "decisionTable");
        Element decision = decisions.isEmpty() ? null : decisions.get(0);
        Element table = tables.isEmpty() ? null : tables.get(0);

        Map<String, String> inputTypes = new LinkedHashMap<>();
        List<String> outputNames = new ArrayList<>();
        List<String> ruleIds = new ArrayList<>();
        if (table != null) {
            for (Element expression : elements(table, "inputExpression")) {
                inputTypes.put(text(expression), expression.getAttribute("typeRef"));
            }
            for (Element output : elements(table, "output")) {
                outputNames.add(output.getAttribute("name"));
            }
            for (Element rule : elements(table, "rule")) {
                ruleIds.add(rule.getAttribute("id"));
            }
        }
        return new Table(fileKey, document,
            decision == null ? null : decision.getAttribute("id"),
            table == null || !table.hasAttribute("hitPolicy") ? null : table.getAttribute("hitPolicy"),
            inputTypes, outputNames, ruleIds);
    }

    /** Descendant elements of the DMN 1.3 namespace with this local name, in document order. */
    static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(DMN_13_NAMESPACE, localName);
        List<Element> result = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    /** The content of the element's {@code <text>} child, trimmed; empty when it has none. */
    static String text(Element element) {
        List<Element> texts = elements(element, "text");
        return texts.isEmpty() ? "" : texts.get(0).getTextContent().trim();
    }

    private static Document parse(String fileKey) {
        try (InputStream in = open(fileKey)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read dmn/" + fileKey + ".dmn", e);
        }
    }
}
