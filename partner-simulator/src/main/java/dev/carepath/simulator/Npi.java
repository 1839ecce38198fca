package dev.carepath.simulator;

import java.util.concurrent.ThreadLocalRandom;

/**
 * National Provider Identifiers: ten digits, the last a Luhn check digit computed over the nine before it with
 * the card-issuer prefix 80840 (which contributes the constant 24 to the sum). Telehealth networks write NPIs
 * that pass the check; pharmacies reject those that do not.
 */
public final class Npi {

    private static final int PREFIX_80840_SUM = 24;

    private Npi() {
    }

    public static boolean isValid(String npi) {
        return npi != null && npi.matches("\\d{10}") && checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }

    /** A random individual-provider NPI (starting with 1) with a correct check digit. */
    public static String random() {
        String base = "1" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        return base + checkDigit(base);
    }

    static int checkDigit(String nineDigits) {
        int sum = PREFIX_80840_SUM;
        for (int i = 0; i < 9; i++) {
            int digit = nineDigits.charAt(8 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }
}
