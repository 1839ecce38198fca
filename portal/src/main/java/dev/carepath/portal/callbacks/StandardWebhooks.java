package dev.carepath.portal.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com, symmetric {@code v1}): the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, signed with HMAC-SHA256 under the secret's bytes (the base64
 * after {@code whsec_}), and {@code webhook-signature} carries {@code v1,<base64 signature>} once per active
 * secret, space-separated, so a receiver holding either secret of a rotation's overlap accepts the delivery.
 *
 * <p>Written on {@code javax.crypto}: no maintained Java library for Standard Webhooks is published on Maven
 * Central for the sending side (Svix's Java SDK signs too, but brings its whole API client), and the scheme is
 * one HMAC; {@code StandardWebhooksTest} checks it against the specification's published example.
 */
final class StandardWebhooks {

    static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {
    }

    /** A new secret: 32 random bytes, {@code whsec_}-prefixed base64. */
    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The {@code webhook-signature} header value: one {@code v1,<signature>} per secret, space-separated. */
    static String signatureHeader(List<String> secrets, String id, long timestamp, String body) {
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add("v1," + sign(secret, id, timestamp, body));
        }
        return String.join(" ", signatures);
    }

    /** The base64 HMAC-SHA256 of {@code id.timestamp.body} under {@code secret}. */
    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keyOf(secret), ALGORITHM));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether any {@code v1} signature of {@code header} is {@code secret}'s over the message (constant time). */
    static boolean verifies(String secret, String header, String id, long timestamp, String body) {
        byte[] expected = sign(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : header.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma > 0 && candidate.substring(0, comma).equals("v1") && MessageDigest.isEqual(expected,
                    candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
