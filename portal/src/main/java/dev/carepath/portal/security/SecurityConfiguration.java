package dev.carepath.portal.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.carepath.portal.tenants.MachineClients;
import dev.carepath.portal.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains: the authorization server's endpoints ({@code /oauth2/token}, client credentials
 * only), and everything else, where {@code /v1/**} needs a bearer token with the endpoint's scope:
 * {@code admin} for {@code /v1/admin/**}, {@code journeys:write} to start or cancel a journey and to give its
 * intake, {@code phi:read} to read clinical data (a journey's prescription), {@code journeys:read} to read journeys. Refusals are RFC 9457
 * problems ({@code unauthorized} 401, {@code insufficient-scope} 403).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/webhooks/**").permitAll() // HMAC signatures (ingress)
                        // The API contract and Swagger UI (its pages and its config), read-only, for anyone.
                        .requestMatchers(HttpMethod.GET, "/openapi.yaml", "/swagger-ui.html", "/swagger-ui/**",
                                "/v3/api-docs/swagger-config").permitAll()
                        .requestMatchers("/v1/admin/**").hasAuthority("SCOPE_admin")
                        .requestMatchers(HttpMethod.POST, "/v1/journeys", "/v1/journeys/*/cancellation")
                        .hasAuthority("SCOPE_journeys:write")
                        .requestMatchers(HttpMethod.PUT, "/v1/journeys/*/intake").hasAuthority("SCOPE_journeys:write")
                        .requestMatchers(HttpMethod.GET, "/v1/journeys/*/prescription").hasAuthority("SCOPE_phi:read")
                        .requestMatchers(HttpMethod.GET, "/v1/journeys/**").hasAuthority("SCOPE_journeys:read")
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((request, response, e) -> problem(response, json,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                "A valid bearer token of an active client is required."))
                        .accessDeniedHandler((request, response, e) -> problem(response, json,
                                HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                                "The token's scopes do not allow this request.")))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> problem(
                        response, json, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "A valid bearer token of an active client is required.")));
        return http.build();
    }

    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ClientRegistry registeredClients(MachineClients clients, SecurityProperties properties, PasswordEncoder encoder) {
        return new ClientRegistry(clients, properties, encoder);
    }

    @Bean
    OAuth2AuthorizationService authorizations() {
        return new StatelessAuthorizations();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /**
     * Tokens carry the client's tenant (the platform client's carry none). A token request that names no
     * scope gets every scope registered for the client, the default RFC 6749 section 3.3 allows.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaim() {
        return context -> {
            Object tenant = context.getRegisteredClient().getClientSettings().getSetting(ClientRegistry.TENANT_SETTING);
            if (tenant != null) {
                context.getClaims().claim(Agents.TENANT_CLAIM, tenant);
            }
            if (context.getAuthorizedScopes().isEmpty()) {
                context.getClaims().claim("scope", context.getRegisteredClient().getScopes());
            }
        };
    }

    /** The access tokens' keys ({@link SigningKeys}): from configuration, or made at start on a developer machine. */
    @Bean
    SigningKeys signingKeys(SecurityProperties properties) {
        SigningKeys keys = SigningKeys.from(properties.signingKeys());
        if (!keys.configured()) {
            log.warn("{} is not set: signing tokens with a key made at start; tokens die with this process and"
                    + " no other portal node accepts them", SigningKeys.PROPERTY);
        }
        return keys;
    }

    /** Every key a token may be signed with (the verifier's and the JWK set endpoint's view). */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.verifying().toPublicJWKSet());
    }

    /** Signs with the first key only, so a rotation adds a key without two keys competing to sign. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(keys.signingOnly()));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, MachineClients clients, ClientRegistry registry) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefault(), new ActiveClients(clients, registry)));
        return decoder;
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String type,
            String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.BASE + type));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
