package dev.carepath.portal.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.portal.web.Problems;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator beyond health ({@code /actuator/prometheus}, metrics, info): the operations account only, over HTTP
 * Basic ({@code CAREPATH_OPS_USER} / {@code CAREPATH_OPS_PASSWORD}, the same account the engine and the job-workers
 * take; docs/adr/0019-observability.md). Health stays open to probes (the API chain). No or a wrong credential is a
 * 401 {@code unauthorized} problem; bearer tokens of machine clients open nothing here.
 */
@Configuration(proxyBeanMethods = false)
class OperationsEndpointSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain operations(HttpSecurity http, ObjectMapper json,
            @Value("${carepath.ops.user}") String user, @Value("${carepath.ops.password}") String password)
            throws Exception {
        byte[] expectedUser = sha256(user);
        byte[] expectedPassword = sha256(password);
        AuthenticationManager opsAccount = authentication -> {
            boolean matches = MessageDigest.isEqual(expectedUser, sha256(String.valueOf(authentication.getName())))
                    & MessageDigest.isEqual(expectedPassword, sha256(String.valueOf(authentication.getCredentials())));
            if (!matches) {
                throw new BadCredentialsException("wrong operations credential");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_OPS")));
        };
        http.securityMatcher(request -> {
                    String path = request.getRequestURI().substring(request.getContextPath().length());
                    return (path.equals("/actuator") || path.startsWith("/actuator/"))
                            && !path.equals("/actuator/health") && !path.startsWith("/actuator/health/");
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("OPS"))
                .authenticationManager(opsAccount)
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"carepath-portal-actuator\"");
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                            "This endpoint needs the operations account (HTTP Basic).");
                    problem.setType(URI.create(Problems.BASE + "unauthorized"));
                    problem.setTitle("Unauthorized");
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), problem);
                }))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
