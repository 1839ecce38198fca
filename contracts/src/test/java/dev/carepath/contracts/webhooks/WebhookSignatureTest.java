package dev.carepath.contracts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "local-webhook-secret";
    private static final String BODY = "{\"eventId\":\"evt_1\",\"type\":\"visit.completed\"}";
    /** {@code printf '%s' '1700000000.<BODY>' | openssl dgst -sha256 -hmac local-webhook-secret} */
    private static final String OPENSSL_HMAC = "ea7415a6ecb82fab1dab1bd41ac61dd66bd4c26c9393f3da5e4287dacc9cfabe";

    @Test
    void signsTimestampDotBodyWithHmacSha256AsLowercaseHex() {
        assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, BODY)).isEqualTo("v1=" + OPENSSL_HMAC);
        assertThat(WebhookSignature.sign(SECRET, "1700000000", BODY)).isEqualTo("v1=" + OPENSSL_HMAC);
        assertThat(WebhookSignature.sign(SECRET, "1700000000", BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("v1=" + OPENSSL_HMAC);
    }

    @Test
    void matchesOnlyTheSameSecretTimestampAndBody() {
        String signature = WebhookSignature.sign(SECRET, "1700000000", BODY);

        assertThat(WebhookSignature.matches(SECRET, "1700000000", BODY, signature)).isTrue();
        assertThat(WebhookSignature.matches("other-secret", "1700000000", BODY, signature)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, "1700000001", BODY, signature)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, "1700000000", BODY.replace("evt_1", "evt_2"), signature)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, "1700000000", BODY, OPENSSL_HMAC)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, "1700000000", BODY, null)).isFalse();
    }
}
