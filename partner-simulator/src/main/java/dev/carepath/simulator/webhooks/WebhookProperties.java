package dev.carepath.simulator.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how webhooks go ({@code simulator.webhooks.*}).
 *
 * @param targetUrl      the receiver's root URL; events go to {@code /webhooks/...} below it
 * @param secret         the HMAC key shared with the receiver; from the environment outside local runs
 * @param initialBackoff wait before the first retry; doubles with every retry
 * @param maxBackoff     longest wait between attempts
 * @param maxAttempts    attempts before giving up, the first included
 */
@ConfigurationProperties("simulator.webhooks")
record WebhookProperties(String targetUrl, String secret, Duration initialBackoff, Duration maxBackoff,
                         int maxAttempts) {

    WebhookProperties {
        if (targetUrl == null || targetUrl.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("simulator.webhooks.target-url and .secret must be set");
        }
        if (initialBackoff == null || maxBackoff == null || maxAttempts < 1) {
            throw new IllegalArgumentException("simulator.webhooks needs initial-backoff, max-backoff and max-attempts >= 1");
        }
    }
}
