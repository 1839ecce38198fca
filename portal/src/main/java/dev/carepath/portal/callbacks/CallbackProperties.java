package dev.carepath.portal.callbacks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.callbacks.*}: how the portal delivers webhooks to the tenants.
 *
 * @param dispatch       whether this process sends deliveries (off in the jar's staff commands)
 * @param pollInterval   how often an idle sender looks for due deliveries
 * @param senders        sending threads per portal node
 * @param connectTimeout HTTP connect timeout of one attempt
 * @param readTimeout    HTTP timeout for the tenant's answer to one attempt
 * @param firstRetry     the wait before the second attempt; each further wait doubles, with jitter
 * @param maxRetryDelay  the longest wait between two attempts
 * @param retryWindow    how long after its creation a delivery is still attempted; then it is {@code FAILED}
 * @param rotationOverlap how long a rotated-out signing secret still signs, unless the rotation names its own
 */
@ConfigurationProperties("carepath.callbacks")
record CallbackProperties(
        @DefaultValue("true") boolean dispatch,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2") int senders,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("24h") Duration retryWindow,
        @DefaultValue("24h") Duration rotationOverlap) {

    CallbackProperties {
        if (senders < 1 || firstRetry.isNegative() || firstRetry.isZero() || maxRetryDelay.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("carepath.callbacks: senders >= 1 and 0 < first-retry <= max-retry-delay");
        }
    }
}
