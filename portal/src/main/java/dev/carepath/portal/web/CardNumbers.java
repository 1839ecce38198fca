package dev.carepath.portal.web;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds what looks like a payment card number (PAN) in a text; it reports only whether one was found, never
 * the value. The text is first normalised the way a person would read it: Unicode compatibility forms folded
 * (NFKC: fullwidth {@code ４２４２} reads {@code 4242}), and any decimal digit of any script taken as that digit.
 * Then a PAN is a run of 13 to 19 digits, possibly grouped by up to {@value #MAX_SEPARATORS} separator
 * characters (spaces, hyphens, dots, underscores: {@code 4242 4242 4242 4242}, {@code 4242..4242},
 * {@code tok_4242_4242_4242_4242}), that
 * <ul>
 *   <li>starts with a digit 2 to 6, the major industry identifiers of the payment card brands (Mastercard 2 and
 *       5, Amex, Diners and JCB 3, Visa 4, Discover, UnionPay and Maestro 6), and</li>
 *   <li>passes the Luhn check.</li>
 * </ul>
 * In a grouped run every span of whole groups is tried, so digits added before or after a PAN do not hide it.
 * Not cards: UUIDs (our journey ids, partner references; their all-digit groups can read like a grouped
 * number, {@code …-4111-111111111111}), epoch timestamps (they start with 1), a run of 20 or more ungrouped
 * digits, and any 13-19 digits that fail the Luhn check.
 */
final class CardNumbers {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    /** The most separator characters between two groups of one number. */
    static final int MAX_SEPARATORS = 3;

    private CardNumbers() {
    }

    /** Raw bytes (a body that could not be parsed), read as UTF-8; malformed sequences count as no digit. */
    static boolean containsCardNumber(byte[] input) {
        return containsCardNumber(new String(input, StandardCharsets.UTF_8));
    }

    static boolean containsCardNumber(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return containsCardDigits(UUID.matcher(normalised).replaceAll("uuid"));
    }

    private static boolean containsCardDigits(String text) {
        List<int[]> groups = new ArrayList<>();
        int[] group = new int[0];
        int separators = 0;
        int i = 0;
        while (i <= text.length()) {
            int c = i < text.length() ? text.codePointAt(i) : -1;
            int step = c < 0 ? 1 : Character.charCount(c);
            int digit = c < 0 ? -1 : digitOf(c);
            if (digit >= 0) {
                if (separators > 0) {
                    groups.add(group);
                    group = new int[0];
                    separators = 0;
                }
                group = append(group, digit);
            } else if (c >= 0 && isSeparator(c) && group.length > 0 && separators < MAX_SEPARATORS) {
                separators++;
            } else {
                if (group.length > 0) {
                    groups.add(group);
                }
                if (holdsCard(groups)) {
                    return true;
                }
                groups.clear();
                group = new int[0];
                separators = 0;
            }
            i += step;
        }
        return false;
    }

    /** One run: its groups joined, or, when grouped, any span of whole groups. */
    private static boolean holdsCard(List<int[]> groups) {
        if (groups.isEmpty()) {
            return false;
        }
        for (int first = 0; first < groups.size(); first++) {
            int[] digits = new int[0];
            for (int last = first; last < groups.size(); last++) {
                digits = concat(digits, groups.get(last));
                if (digits.length > MAX_DIGITS) {
                    break;
                }
                if (isCard(digits)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isCard(int[] digits) {
        return digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS
                && digits[0] >= 2 && digits[0] <= 6
                && luhnValid(digits, digits.length);
    }

    /** The Luhn (mod 10) check over the first {@code length} digits. */
    static boolean luhnValid(int[] digits, int length) {
        int sum = 0;
        boolean doubled = false;
        for (int i = length - 1; i >= 0; i--) {
            int d = digits[i];
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static int digitOf(int codePoint) {
        return Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(codePoint, 10) : -1;
    }

    private static boolean isSeparator(int c) {
        return c == ' ' || c == '-' || c == '.' || c == '_' || c == '\t' || Character.isSpaceChar(c);
    }

    private static int[] append(int[] digits, int digit) {
        if (digits.length > MAX_DIGITS) {
            return digits; // long enough to be no single card; the span check still sees its groups
        }
        int[] more = Arrays.copyOf(digits, digits.length + 1);
        more[digits.length] = digit;
        return more;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
