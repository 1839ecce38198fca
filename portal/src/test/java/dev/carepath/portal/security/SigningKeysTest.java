package dev.carepath.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;

/** Tokens are signed by the first configured key and verified by every configured one, so keys can rotate. */
class SigningKeysTest {

    private static RSAKey current;
    private static RSAKey previous;

    @BeforeAll
    static void makeKeys() throws Exception {
        current = new RSAKeyGenerator(2048).keyID("2026-11").generate();
        previous = new RSAKeyGenerator(2048).keyID("2026-10").generate();
    }

    @Test
    void theFirstKeySignsAndATokenOfTheRotatedOutKeyStillVerifies() {
        SigningKeys keys = SigningKeys.from(new JWKSet(List.of(current, previous)).toString(false));
        SecurityConfiguration configuration = new SecurityConfiguration();

        Jwt issued = configuration.jwtEncoder(keys).encode(parameters());
        Jwt issuedBeforeRotation = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(previous)))
                .encode(parameters());
        JwtDecoder decoder = OAuth2AuthorizationServerConfiguration.jwtDecoder(configuration.jwkSource(keys));

        assertThat(keys.configured()).isTrue();
        assertThat(issued.getHeaders()).containsEntry("kid", "2026-11");
        assertThat(decoder.decode(issued.getTokenValue()).getSubject()).isEqualTo("agent-1");
        assertThat(decoder.decode(issuedBeforeRotation.getTokenValue()).getSubject()).isEqualTo("agent-1");
    }

    @Test
    void aTokenOfAKeyNoLongerConfiguredIsRefused() {
        SigningKeys rotated = SigningKeys.from(new JWKSet(current).toString(false));
        Jwt old = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(previous))).encode(parameters());
        JwtDecoder decoder = OAuth2AuthorizationServerConfiguration.jwtDecoder(
                new SecurityConfiguration().jwkSource(rotated));

        assertThatThrownBy(() -> decoder.decode(old.getTokenValue()))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void theJwkSetEndpointAndVerifierSeePublicKeysOnly() throws Exception {
        SigningKeys keys = SigningKeys.from(new JWKSet(List.of(current, previous)).toString(false));

        List<JWK> published = new SecurityConfiguration().jwkSource(keys)
                .get(new JWKSelector(new JWKMatcher.Builder().build()), null);

        assertThat(published).hasSize(2).noneMatch(JWK::isPrivate);
    }

    @Test
    void withoutConfigurationAKeyIsMadeAtStart() {
        SigningKeys made = SigningKeys.from(" ");

        assertThat(made.configured()).isFalse();
        assertThat(made.signing().isPrivate()).isTrue();
        assertThat(made.verifying().getKeys()).containsExactly(made.signing());
    }

    @Test
    void aMalformedOrPublicOnlyOrEmptySetStopsTheStartWithoutQuotingTheKey() {
        String truncated = new JWKSet(current).toString(false).substring(0, 120);

        assertThatIllegalStateException().isThrownBy(() -> SigningKeys.from(truncated))
                .withMessage(SigningKeys.PROPERTY + " is not a JWK set (RFC 7517)");
        assertThatIllegalStateException().isThrownBy(() -> SigningKeys.from(new JWKSet(current.toPublicJWK()).toString()))
                .withMessageContaining("private RSA key");
        assertThatIllegalStateException().isThrownBy(() -> SigningKeys.from("{\"keys\": []}"))
                .withMessage(SigningKeys.PROPERTY + " holds no key");
    }

    private static JwtEncoderParameters parameters() {
        Instant now = Instant.now();
        return JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), JwtClaimsSet.builder()
                .subject("agent-1").issuedAt(now).expiresAt(now.plusSeconds(300)).build());
    }
}
