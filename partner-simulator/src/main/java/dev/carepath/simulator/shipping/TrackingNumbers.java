package dev.carepath.simulator.shipping;

import java.util.concurrent.ThreadLocalRandom;

/** Tracking numbers shaped like each carrier's. */
final class TrackingNumbers {

    private static final String UPS_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    private TrackingNumbers() {
    }

    static String next(Carrier carrier) {
        return switch (carrier) {
            case UPS -> "1Z" + random(UPS_ALPHABET, 16);
            case USPS -> "9400" + random("0123456789", 18);
        };
    }

    private static String random(String alphabet, int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
