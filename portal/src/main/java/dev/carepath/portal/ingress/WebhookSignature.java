package dev.carepath.portal.ingress;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies partner webhooks: {@code X-Carepath-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>}
 * with {@code X-Carepath-Timestamp} in epoch seconds. The header may list several {@code v1=} values
 * separated by commas (while a secret is rotated); one match is enough. Comparison is constant-time.
 */
@Component
class WebhookSignature {

    static final String TIMESTAMP_HEADER = "X-Carepath-Timestamp";
    static final String SIGNATURE_HEADER = "X-Carepath-Signature";
    private static final String SCHEME = "v1=";
    private static final String HMAC = "HmacSHA256";

    enum Verdict { VALID, INVALID_SIGNATURE, STALE }

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    @Autowired
    WebhookSignature(WebhookProperties properties) {
        this(properties.secret(), properties.tolerance(), Clock.systemUTC());
    }

    WebhookSignature(String secret, Duration tolerance, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The header value a partner sends for {@code body} signed at {@code timestamp} (epoch seconds). */
    static String sign(String secret, long timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
    }

    /**
     * Checks the signature first (a request that is not the partner's learns nothing about timing),
     * then that the timestamp lies within the tolerance.
     */
    Verdict verify(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || signatureHeader == null) {
            return Verdict.INVALID_SIGNATURE;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Verdict.INVALID_SIGNATURE;
        }
        byte[] expected = hmac(secret, timestamp, body);
        boolean matched = false;
        for (String candidate : signatureHeader.split(",")) {
            String value = candidate.trim();
            if (value.startsWith(SCHEME)) {
                // Every candidate is compared, matched or not, so timing says nothing about which one.
                matched |= MessageDigest.isEqual(expected, parseHex(value.substring(SCHEME.length())));
            }
        }
        if (!matched) {
            return Verdict.INVALID_SIGNATURE;
        }
        long now = clock.instant().getEpochSecond();
        long slack = tolerance.toSeconds();
        return timestamp < now - slack || timestamp > now + slack ? Verdict.STALE : Verdict.VALID;
    }

    private static byte[] parseHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hmac(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
