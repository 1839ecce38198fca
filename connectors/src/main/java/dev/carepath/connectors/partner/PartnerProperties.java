package dev.carepath.connectors.partner;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the partners are and how long to wait for them ({@code carepath.partners.*}). Partner ids go into the
 * path below {@code baseUrl}, e.g. {@code {baseUrl}/payments/northpay/charges}; locally the base URL is the
 * partner simulator.
 *
 * @param baseUrl        root URL of the partner APIs
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for a response once the request is sent
 */
@ConfigurationProperties("carepath.partners")
public record PartnerProperties(
        @DefaultValue("http://127.0.0.1:8090") String baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {

    public PartnerProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("carepath.partners.base-url must be set");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("carepath.partners timeouts must be positive");
        }
    }
}
