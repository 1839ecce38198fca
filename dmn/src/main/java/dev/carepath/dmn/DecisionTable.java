package dev.carepath.dmn;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A DMN 1.3 file read as plain XML: what a deployment gate and the tests need to know about its decision table,
 * without engine internals.
 *
 * @param xml          the file as it was read
 * @param document     the parsed document
 * @param decisionIds  ids of every {@code <decision>} in the file (a valid table has exactly one)
 * @param tableCount   how many {@code <decisionTable>} elements the file holds
 * @param hitPolicy    the first table's {@code hitPolicy} attribute, or null when it is not set
 * @param inputTypes   input expression (the variable the caller passes) → its {@code typeRef}, in column order
 * @param outputNames  output names, in column order
 * @param ruleIds      rule ids, in table order
 * @param annotations  rule id → the text of its annotation column ("" when it has none)
 */
public record DecisionTable(byte[] xml, Document document, List<String> decisionIds, int tableCount,
        String hitPolicy, Map<String, String> inputTypes, List<String> outputNames, List<String> ruleIds,
        Map<String, String> annotations) {

    public static final String DMN_13_NAMESPACE = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    /**
     * Reads a DMN file. Document type declarations are refused (no external entities).
     *
     * @throws InvalidDecisionTableException when the bytes are not a well-formed DMN 1.3 document
     */
    public static DecisionTable parse(byte[] xml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new InvalidDecisionTableException("The file is not well-formed XML.", e);
        }
        Element root = document.getDocumentElement();
        if (!DMN_13_NAMESPACE.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
            throw new InvalidDecisionTableException("The file is not a DMN 1.3 document (<definitions> in "
                    + DMN_13_NAMESPACE + ").", null);
        }
        List<String> decisionIds = elements(root, "decision").stream().map(d -> d.getAttribute("id")).toList();
        List<Element> tables = elements(root, "decisionTable");
        Element table = tables.isEmpty() ? null : tables.get(0);

        Map<String, String> inputTypes = new LinkedHashMap<>();
        List<String> outputNames = new ArrayList<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (table != null) {
            for (Element expression : elements(table, "inputExpression")) {
                inputTypes.put(text(expression), expression.getAttribute("typeRef"));
            }
            for (Element output : elements(table, "output")) {
                outputNames.add(output.getAttribute("name"));
            }
            for (Element rule : elements(table, "rule")) {
                List<Element> entries = elements(rule, "annotationEntry");
                annotations.put(rule.getAttribute("id"), entries.isEmpty() ? "" : text(entries.get(0)));
            }
        }
        return new DecisionTable(xml.clone(), document, decisionIds, tables.size(),
                table == null || !table.hasAttribute("hitPolicy") ? null : table.getAttribute("hitPolicy"),
                Collections.unmodifiableMap(inputTypes), List.copyOf(outputNames),
                List.copyOf(annotations.keySet()), Collections.unmodifiableMap(annotations));
    }

    /** A copy of the file's bytes. */
    @Override
    public byte[] xml() {
        return xml.clone();
    }

    /** The id of the file's only decision, or null when it holds none or several. */
    public String decisionId() {
        return decisionIds.size() == 1 ? decisionIds.get(0) : null;
    }

    /** SHA-256 of the file's bytes, lower-case hex: what the audit trail records for a deployed version. */
    public String checksum() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file as text (UTF-8). */
    public String xmlText() {
        return new String(xml, StandardCharsets.UTF_8);
    }

    /**
     * {@code value} as the caller (the process, a golden case) would pass the input {@code name}: typed as the
     * table's input expression declares it. Text cells are parsed; numbers are narrowed or widened; an empty or
     * null value stays null.
     *
     * @throws IllegalArgumentException when the value does not fit the declared type
     */
    public Object typedInput(String name, Object value) {
        String typeRef = inputTypes.get(name);
        if (value == null || (value instanceof String text && text.isEmpty())) {
            return null;
        }
        String text = value.toString().trim();
        try {
            return switch (typeRef == null ? "string" : typeRef) {
                case "integer" -> value instanceof Number n && n.doubleValue() == n.intValue()
                        ? n.intValue() : Integer.valueOf(text);
                case "long" -> value instanceof Number n ? n.longValue() : Long.valueOf(text);
                case "double" -> value instanceof Number n ? n.doubleValue() : Double.valueOf(text);
                case "boolean" -> switch (text) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException(name + " must be true or false");
                };
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of type " + typeRef, e);
        }
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
}
