package dev.carepath.dmn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FEEL forms the shipped tables are made of, evaluated without the FEEL interpreter: an input entry that is a
 * list of literals of one kind ({@code "TX","CA"}, {@code 4}, {@code true}), {@code not(...)} of such a list, or a
 * comparison or interval of numbers ({@code < 18}, {@code [27..30[}), and an output entry or input expression that
 * is a literal or a variable name. The JFR profile of the decision
 * benchmark showed the interpreter's per-entry work (contexts, value mapping, Scala collections) as most of a
 * table's time once parsing was cached; these forms need none of it.
 *
 * <p>Same meaning as FEEL or no answer: a test answers only for a non-null input of its literals' kind (a string,
 * a boolean, a number compared by value); anything else, and every other form (ranges, comparisons, functions),
 * is left to FEEL ({@link CachingFeelEngine} falls back). {@code LiteralFeelTest} checks every entry of the shipped
 * tables against FEEL.
 */
final class LiteralFeel {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private LiteralFeel() {
    }

    /** A compiled input entry: {@link #test} answers true or false, or null when FEEL must decide. */
    interface UnaryTest {
        Boolean test(Object input);
    }

    /** A list of literals of one kind, or {@code not(...)} of it. */
    record Literals(Set<Object> values, Kind kind, boolean negated) implements UnaryTest {

        @Override
        public Boolean test(Object input) {
            Object key = kind.key(input);
            if (key == null) {
                return null;
            }
            return values.contains(key) != negated;
        }
    }

    enum Kind {
        STRING, BOOLEAN, NUMBER;

        /** The input as this kind's set key, or null if it is not of this kind. */
        Object key(Object input) {
            return switch (this) {
                case STRING -> input instanceof String text ? text : null;
                case BOOLEAN -> input instanceof Boolean flag ? flag : null;
                case NUMBER -> number(input);
            };
        }

        static BigDecimal number(Object input) {
            if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
                return BigDecimal.valueOf(((Number) input).longValue()).stripTrailingZeros();
            }
            if ((input instanceof Double || input instanceof Float) && Double.isFinite(((Number) input).doubleValue())) {
                return BigDecimal.valueOf(((Number) input).doubleValue()).stripTrailingZeros();
            }
            if (input instanceof BigDecimal decimal) {
                return decimal.stripTrailingZeros();
            }
            return null;
        }
    }

    /** The entry compiled, or empty when it is not a plain literal list. */
    static Optional<UnaryTest> unaryTest(String text) {
        Optional<UnaryTest> interval = interval(text);
        if (interval.isPresent()) {
            return interval;
        }
        String body = text.trim();
        boolean negated = false;
        if (body.startsWith("not(") && body.endsWith(")")) {
            negated = true;
            body = body.substring(4, body.length() - 1).trim();
        }
        if (body.isEmpty() || body.equals("-")) {
            return Optional.empty();
        }
        Set<Object> values = new HashSet<>();
        Kind kind = null;
        for (String item : split(body)) {
            Object literal = literal(item).orElse(null);
            Kind itemKind = literal instanceof String ? Kind.STRING : literal instanceof Boolean ? Kind.BOOLEAN
                    : literal != null ? Kind.NUMBER : null;
            if (itemKind == null || (kind != null && kind != itemKind)) {
                return Optional.empty();
            }
            kind = itemKind;
            values.add(itemKind == Kind.NUMBER ? new BigDecimal(item.trim()).stripTrailingZeros() : literal);
        }
        return Optional.of(new Literals(Set.copyOf(values), kind, negated));
    }

    /**
     * A number comparison ({@code < 18}, {@code >= 30}) or interval ({@code [27..30[}, {@code ]1..5]}) of number
     * literals: answers for a number input only.
     */
    record Interval(BigDecimal low, boolean lowIncluded, BigDecimal high, boolean highIncluded) implements UnaryTest {

        @Override
        public Boolean test(Object input) {
            BigDecimal value = Kind.number(input);
            if (value == null) {
                return null;
            }
            boolean aboveLow = low == null || (lowIncluded ? value.compareTo(low) >= 0 : value.compareTo(low) > 0);
            boolean belowHigh = high == null || (highIncluded ? value.compareTo(high) <= 0 : value.compareTo(high) < 0);
            return aboveLow && belowHigh;
        }
    }

    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(-?\\d+(\\.\\d+)?)");
    private static final Pattern RANGE = Pattern.compile("([\\[\\]])\\s*(-?\\d+(\\.\\d+)?)\\s*\\.\\.\\s*"
            + "(-?\\d+(\\.\\d+)?)\\s*([\\[\\]])");

    /** A comparison or interval of number literals, or empty. */
    static Optional<UnaryTest> interval(String text) {
        String body = text.trim();
        java.util.regex.Matcher comparison = COMPARISON.matcher(body);
        if (comparison.matches()) {
            BigDecimal bound = new BigDecimal(comparison.group(2));
            return Optional.of(switch (comparison.group(1)) {
                case "<" -> new Interval(null, false, bound, false);
                case "<=" -> new Interval(null, false, bound, true);
                case ">" -> new Interval(bound, false, null, false);
                default -> new Interval(bound, true, null, false);
            });
        }
        java.util.regex.Matcher range = RANGE.matcher(body);
        if (range.matches()) {
            return Optional.of(new Interval(new BigDecimal(range.group(2)), range.group(1).equals("["),
                    new BigDecimal(range.group(4)), range.group(6).equals("]")));
        }
        return Optional.empty();
    }

    /**
     * A variable's value as FEEL hands it back to Java: strings and booleans as they are, a number as a {@code Long}
     * when whole and a {@code Double} otherwise; null for anything else (FEEL maps it).
     */
    static Object asFeelGivesIt(Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        BigDecimal number = Kind.number(value);
        if (number == null) {
            return null;
        }
        return number.scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
    }

    /**
     * A literal as FEEL gives it to Java: a string, a boolean, or a number as a {@code Long} when whole and a
     * {@code Double} otherwise (feel-scala's value mapper). Empty when the text is no such literal.
     */
    static Optional<Object> literal(String text) {
        String item = text.trim();
        if (STRING.matcher(item).matches()) {
            return Optional.of(item.substring(1, item.length() - 1));
        }
        if (item.equals("true") || item.equals("false")) {
            return Optional.of(Boolean.valueOf(item));
        }
        if (NUMBER.matcher(item).matches()) {
            BigDecimal number = new BigDecimal(item);
            return Optional.of(number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact()
                    : (Object) number.doubleValue());
        }
        return Optional.empty();
    }

    /** Whether the text is a bare variable name (an input expression such as {@code therapy}). */
    static boolean isName(String text) {
        String name = text.trim();
        return NAME.matcher(name).matches() && !name.equals("true") && !name.equals("false") && !name.equals("null")
                && !name.equals("not");
    }

    /** The items of a literal list, split at commas outside quotes. */
    private static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (char c : list.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                items.add(item.toString());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString());
        return items;
    }
}
