package dev.carepath.workers.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every path but the health probe, above all {@code /internal/clinical/**}, needs the clinical-intake
 * service credential (HTTP Basic); a refusal is a 401 RFC 9457 problem ({@code unauthorized})
 * that names no submitted value. The credential is compared in constant time against the configured one
 * (no password hashing per request: it is a generated service secret, not a person's password).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // no HTTP server, nothing to guard
class ServiceCredentialSecurity {

    static final String CLINICAL_INTAKE = "CLINICAL_INTAKE";
    private static final String PROBLEMS = "https://carepath.dev/problems/";

    @Bean
    SecurityFilterChain internalEndpoints(HttpSecurity http, AuthenticationManager credentialCheck,
            ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "This endpoint needs the clinical-intake service credential (HTTP Basic).");
            problem.setType(URI.create(PROBLEMS + "unauthorized"));
            problem.setTitle("Unauthorized");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"carepath-clinical\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        };
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().hasRole(CLINICAL_INTAKE))
                .authenticationManager(credentialCheck)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * Accepts exactly the configured user and password; the comparison takes the same time for any input.
     * A bean, so Spring Boot makes no default user with a generated password.
     */
    @Bean
    static AuthenticationManager credentialCheck(IntakeCredential credential) {
        byte[] user = sha256(credential.user());
        byte[] password = sha256(credential.password());
        return authentication -> {
            boolean userMatches = MessageDigest.isEqual(user, sha256(String.valueOf(authentication.getName())));
            boolean passwordMatches = MessageDigest.isEqual(password,
                    sha256(String.valueOf(authentication.getCredentials())));
            if (!(userMatches & passwordMatches)) {
                throw new BadCredentialsException("wrong service credential");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + CLINICAL_INTAKE)));
        };
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
