package dev.carepath.connectors.partner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How partner webhooks are signed, in one place for the sender (the simulator) and the verifier (the portal's
 * ingress). A webhook carries {@value #TIMESTAMP_HEADER}: its send time in epoch seconds, and
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
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code signatureHeader} is the signature of this timestamp and body; compares in constant time. */
    public static boolean matches(String secret, String timestamp, String body, String signatureHeader) {
        if (signatureHeader == null || timestamp == null || body == null) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}
