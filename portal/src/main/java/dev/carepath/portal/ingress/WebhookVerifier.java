package dev.carepath.portal.ingress;

import dev.carepath.contracts.webhooks.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies partner webhooks signed as {@link WebhookSignature} describes. The signature header may list
 * several {@code v1=} values separated by commas (while a secret is rotated); one match is enough, and every
 * candidate is compared in constant time. A correctly signed webhook is stale when its timestamp lies
 * outside the tolerance.
 */
@Component
class WebhookVerifier {

    enum Verdict { VALID, INVALID_SIGNATURE, STALE }

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    @Autowired
    WebhookVerifier(WebhookProperties properties) {
        this(properties.secret(), properties.tolerance(), Clock.systemUTC());
    }

    WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
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
        String expected = WebhookSignature.sign(secret, Long.toString(timestamp), body);
        boolean matched = false;
        for (String candidate : signatureHeader.split(",")) {
            // Every candidate is compared, matched or not, so timing says nothing about which one.
            matched |= WebhookSignature.sameSignature(expected, candidate.trim());
        }
        if (!matched) {
            return Verdict.INVALID_SIGNATURE;
        }
        long now = clock.instant().getEpochSecond();
        long slack = tolerance.toSeconds();
        return timestamp < now - slack || timestamp > now + slack ? Verdict.STALE : Verdict.VALID;
    }
}
