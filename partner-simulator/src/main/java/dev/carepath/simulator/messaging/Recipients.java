package dev.carepath.simulator.messaging;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a provider accepts as an address on each channel (an email address, an E.164 phone number, a device
 * token), and how the ledger shows one without giving it away.
 */
final class Recipients {

    static final String EMAIL = "email";
    static final String SMS = "sms";
    static final String PUSH = "push";
    static final Set<String> CHANNELS = Set.of(EMAIL, SMS, PUSH);

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern DEVICE_TOKEN = Pattern.compile("[A-Za-z0-9_:-]{16,256}");
    private static final String HIDDEN = "***";

    private Recipients() {
    }

    static boolean isValid(String channel, String address) {
        if (address == null) {
            return false;
        }
        return switch (channel) {
            case EMAIL -> EMAIL_ADDRESS.matcher(address).matches();
            case SMS -> E164.matcher(address).matches();
            case PUSH -> DEVICE_TOKEN.matcher(address).matches();
            default -> false;
        };
    }

    /**
     * Enough of a valid address to tell two apart in a demo, never enough to use it:
     * {@code jane.doe@example.com} is {@code j***@e***.com}, {@code +14155550123} is {@code +***0123}, a device
     * token keeps its last four characters.
     */
    static String mask(String channel, String address) {
        return switch (channel) {
            case EMAIL -> maskEmail(address);
            case SMS -> "+" + HIDDEN + lastFour(address);
            default -> HIDDEN + lastFour(address);
        };
    }

    private static String maskEmail(String address) {
        int at = address.lastIndexOf('@');
        String domain = address.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        return address.charAt(0) + HIDDEN + "@" + domain.charAt(0) + HIDDEN + domain.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static String lastFour(String address) {
        return address.substring(Math.max(0, address.length() - 4));
    }
}
