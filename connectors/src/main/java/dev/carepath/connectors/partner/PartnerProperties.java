package dev.carepath.connectors.partner;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the partners are, how long to wait for them, and when to stop asking ({@code carepath.partners.*}).
 * Partner ids go into the path below {@code baseUrl}, e.g. {@code {baseUrl}/payments/northpay/charges}; locally
 * the base URL is the partner simulator.
 *
 * @param baseUrl        root URL of the partner APIs
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for a response once the request is sent
 * @param circuitBreaker when a partner that keeps failing is no longer called for a while
 *                       ({@code carepath.partners.circuit-breaker.*})
 */
@ConfigurationProperties("carepath.partners")
public record PartnerProperties(
        @DefaultValue("http://127.0.0.1:8090") String baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue CircuitBreakerSettings circuitBreaker) {

    @ConstructorBinding
    public PartnerProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("carepath.partners.base-url must be set");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("carepath.partners timeouts must be positive");
        }
        if (circuitBreaker == null) {
            circuitBreaker = CircuitBreakerSettings.defaults();
        }
    }

    /** The given location and timeouts, with the default circuit breaker. */
    public PartnerProperties(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this(baseUrl, connectTimeout, readTimeout, CircuitBreakerSettings.defaults());
    }

    /**
     * One circuit breaker per partner id, counting only calls that found the partner unavailable (5xx, 408, 429,
     * timeouts, I/O failures); a partner's "no" counts as an answer. Over the last {@code slidingWindowSize} calls,
     * once at least {@code minimumNumberOfCalls} were made, a failure rate at or above
     * {@code failureRateThreshold} percent opens the circuit: calls then fail at once for
     * {@code waitDurationInOpenState}, after which {@code permittedCallsInHalfOpenState} trial calls decide
     * whether it closes again or stays open.
     */
    public record CircuitBreakerSettings(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitDurationInOpenState,
            @DefaultValue("3") int permittedCallsInHalfOpenState) {

        public CircuitBreakerSettings {
            if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
                throw new IllegalArgumentException(
                        "carepath.partners.circuit-breaker.failure-rate-threshold must be in (0, 100]");
            }
            if (slidingWindowSize < 1 || minimumNumberOfCalls < 1 || permittedCallsInHalfOpenState < 1) {
                throw new IllegalArgumentException("carepath.partners.circuit-breaker sizes and counts must be at least 1");
            }
            if (waitDurationInOpenState == null || waitDurationInOpenState.isNegative()
                    || waitDurationInOpenState.isZero()) {
                throw new IllegalArgumentException(
                        "carepath.partners.circuit-breaker.wait-duration-in-open-state must be positive");
            }
        }

        /** 50 % of the last 20 calls, at least 10 of them; open for 10 s; 3 trial calls. */
        public static CircuitBreakerSettings defaults() {
            return new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(10), 3);
        }
    }
}
