package dev.carepath.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.security.*}.
 *
 * @param tokenTtl       lifetime of an access token
 * @param platformClient the platform staff's client (scope {@code admin}, no tenant), from configuration
 * @param signingKeys    the tokens' signing keys as a JWK set of private RSA keys, the signing key first
 *                       ({@link SigningKeys}); blank on a developer machine, where a key is made at start
 */
@ConfigurationProperties("carepath.security")
record SecurityProperties(@DefaultValue("5m") Duration tokenTtl, PlatformClient platformClient, String signingKeys) {

    /**
     * @param id     client id
     * @param secret client secret (from the environment outside a developer machine)
     */
    record PlatformClient(String id, String secret) {
    }
}
