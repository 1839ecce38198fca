package dev.carepath.contracts.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How partner webhooks are signed: the contract we give partners, in one place for every sender (the partner
 * simulator) and the verifier (the portal's ingress). A webhook carries {@value #TIMESTAMP_HEADER}: its send time in epoch seconds, and
 * {@value #SIGNATURE_HEADER}: {@code v1=<lowercase hex HMAC-SHA256 of (timestamp + "." + raw body)>} keyed
 * with the shared secret. Signing the timestamp lets the verifier refuse replays of old deliveries.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Carepath-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Carepath-Signature";

    private static final String SCHEME = "v1=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for a body sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, long timestamp, String body) {
        return sign(secret, Long.toString(timestamp), body);
    }

    /**
     * The {@value #SIGNATURE_HEADER} value for a body, with the timestamp exactly as it appears in the
     * {@value #TIMESTAMP_HEADER} header.
     */
    public static String sign(String secret, String timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@value #SIGNATURE_HEADER} value for raw body bytes sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return sign(secret, Long.toString(timestamp), body);
    }

    /** The {@value #SIGNATURE_HEADER} value for the raw body bytes as received or sent. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code candidate} (one {@code v1=} value) equals {@code expected}; compares in constant time. */
    public static boolean sameSignature(String expected, String candidate) {
        return candidate != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code signatureHeader} is the signature of this timestamp and body; compares in constant time. */
    public static boolean matches(String secret, String timestamp, String body, String signatureHeader) {
        if (timestamp == null || body == null) {
            return false;
        }
        return sameSignature(sign(secret, timestamp, body), signatureHeader);
    }
}
