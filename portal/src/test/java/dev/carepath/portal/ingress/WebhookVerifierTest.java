package dev.carepath.portal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.contracts.webhooks.WebhookSignature;
import dev.carepath.portal.ingress.WebhookVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final String SECRET = "local-webhook-secret";
    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final byte[] BODY = "{\"eventId\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookVerifier verifier = new WebhookVerifier(SECRET, Duration.ofSeconds(300),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void signsHmacSha256OfTimestampDotBody() {
        // HMAC-SHA256("local-webhook-secret", "1767225600.{\"eventId\":\"evt-1\"}"), computed independently.
        assertThat(WebhookSignature.sign(SECRET, NOW, BODY))
                .isEqualTo("v1=a25f26ab818d4eaa7a7c2280523f9fe8de33950aaa28a85ae6c554f527ed51d3");
    }

    @Test
    void acceptsAValidSignature() {
        assertThat(verifier.verify(Long.toString(NOW), WebhookSignature.sign(SECRET, NOW, BODY), BODY))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesWhileASecretIsRotated() {
        String header = WebhookSignature.sign("old-secret", NOW, BODY) + ", " + WebhookSignature.sign(SECRET, NOW, BODY);
        assertThat(verifier.verify(Long.toString(NOW), header, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertThat(verifier.verify(Long.toString(NOW), WebhookSignature.sign("wrong-secret", NOW, BODY), BODY))
                .isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = "{\"eventId\":\"evt-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(Long.toString(NOW), WebhookSignature.sign(SECRET, NOW, BODY), tampered))
                .isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    @Test
    void refusesATamperedTimestamp() {
        assertThat(verifier.verify(Long.toString(NOW + 1), WebhookSignature.sign(SECRET, NOW, BODY), BODY))
                .isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        String valid = WebhookSignature.sign(SECRET, NOW, BODY);
        assertThat(verifier.verify(null, valid, BODY)).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(Long.toString(NOW), null, BODY)).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify("yesterday", valid, BODY)).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(Long.toString(NOW), valid.substring(3), BODY)).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(Long.toString(NOW), "v1=not-hex", BODY)).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(Long.toString(NOW), "v1=", BODY)).isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    @Test
    void refusesASignedButStaleTimestampEitherWay() {
        long old = NOW - 301;
        long future = NOW + 301;
        assertThat(verifier.verify(Long.toString(old), WebhookSignature.sign(SECRET, old, BODY), BODY))
                .isEqualTo(Verdict.STALE);
        assertThat(verifier.verify(Long.toString(future), WebhookSignature.sign(SECRET, future, BODY), BODY))
                .isEqualTo(Verdict.STALE);
        long edge = NOW - 300;
        assertThat(verifier.verify(Long.toString(edge), WebhookSignature.sign(SECRET, edge, BODY), BODY))
                .isEqualTo(Verdict.VALID);
        long extreme = Long.MIN_VALUE;
        assertThat(verifier.verify(Long.toString(extreme), WebhookSignature.sign(SECRET, extreme, BODY), BODY))
                .isEqualTo(Verdict.STALE);
    }
}
