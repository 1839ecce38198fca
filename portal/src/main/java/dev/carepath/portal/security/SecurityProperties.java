package dev.carepath.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.security.*}.
 *
 * @param tokenTtl       lifetime of an access token
 * @param platformClient the platform staff's client (scope {@code admin}, no tenant), from configuration
 */
@ConfigurationProperties("carepath.security")
record SecurityProperties(@DefaultValue("5m") Duration tokenTtl, PlatformClient platformClient) {

    /**
     * @param id     client id
     * @param secret client secret (from the environment outside a developer machine)
     */
    record PlatformClient(String id, String secret) {
    }
}
