package dev.carepath.portal.web;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Finds what looks like a payment card number (PAN): a run of 13 to 19 digits, optionally grouped by
 * single spaces or hyphens ({@code 4242 4242 4242 4242}), that passes the Luhn check. Works on raw
 * bytes so it runs before any parsing; it reports only whether one was found, never the value.
 * UUIDs (our journey ids, partner references) are skipped: their all-digit groups can read like a
 * grouped card number ({@code …-4111-111111111111}) and must never get a request refused.
 */
final class CardNumbers {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    private CardNumbers() {
    }

    static boolean containsCardNumber(String text) {
        return containsCardNumber(text.getBytes(StandardCharsets.UTF_8));
    }

    static boolean containsCardNumber(byte[] input) {
        // ISO-8859-1 maps every byte to one char and back, so positions and digits stay as they were.
        String text = new String(input, StandardCharsets.ISO_8859_1);
        return containsCardDigits(UUID.matcher(text).replaceAll("uuid").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean containsCardDigits(byte[] input) {
        int[] digits = new int[MAX_DIGITS];
        int count = 0;
        boolean overflow = false;
        for (int i = 0; i <= input.length; i++) {
            byte b = i < input.length ? input[i] : 0;
            if (isDigit(b)) {
                if (count < MAX_DIGITS) {
                    digits[count] = b - '0';
                } else {
                    overflow = true;
                }
                count++;
                continue;
            }
            boolean separatorInsideRun = count > 0 && (b == ' ' || b == '-')
                    && i + 1 < input.length && isDigit(input[i + 1]);
            if (separatorInsideRun) {
                continue;
            }
            if (!overflow && count >= MIN_DIGITS && luhnValid(digits, count)) {
                return true;
            }
            count = 0;
            overflow = false;
        }
        return false;
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

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
