package dev.carepath.workers.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Who may call which internal endpoint, by service credential (HTTP Basic), least privilege:
 * <ul>
 *   <li>{@code PUT /internal/clinical/intakes/**} (put an intake, PHI in): the clinical-intake credential only;</li>
 *   <li>{@code GET /internal/clinical/intakes/**} (read an intake back for the staff console, PHI out): the
 *       clinical-reader credential only;</li>
 *   <li>{@code PUT /internal/notifications/opt-outs/**} (a patient's opt-out of a channel, relayed like the intake
 *   it amends): the clinical-intake credential only;</li>
 *   <li>{@code GET /internal/partners} (the partners' circuit breakers, no PHI): either credential;</li>
 *   <li>{@code /internal/clinical/prescriptions/**} (read a prescription, PHI out): the clinical-reader
 *       credential only;</li>
 *   <li>any other {@code /internal/**}: nobody; {@code /actuator/health}: everyone (probes); the other actuator
 *       endpoints ({@code /actuator/prometheus}, metrics, info): the operations account ({@code CAREPATH_OPS_USER} /
 *       {@code CAREPATH_OPS_PASSWORD}), which opens nothing else;</li>
 *   <li>anything else: any of the credentials.</li>
 * </ul>
 * No or a wrong credential is a 401 RFC 9457 problem ({@code unauthorized}); the other role's credential is a 403
 * ({@code forbidden}); neither names a submitted value, and neither reaches the endpoint. Credentials are compared
 * in constant time against the configured ones (no password hashing per request: they are generated service
 * secrets, not people's passwords).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // no HTTP server, nothing to guard
class ServiceCredentialSecurity {

    static final String CLINICAL_INTAKE = "CLINICAL_INTAKE";
    static final String CLINICAL_READER = "CLINICAL_READER";
    static final String OPS = "OPS";
    private static final String PROBLEMS = "https://carepath.dev/problems/";

    @Bean
    SecurityFilterChain internalEndpoints(HttpSecurity http, AuthenticationManager credentialCheck,
            ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"carepath-clinical\"");
            problem(response, json, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "This endpoint needs a clinical service credential (HTTP Basic).");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN,
                "forbidden", "Forbidden", "This service credential may not call this endpoint.");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.PUT, "/internal/clinical/intakes/**").hasRole(CLINICAL_INTAKE)
                        .requestMatchers(HttpMethod.PUT, "/internal/notifications/opt-outs/**").hasRole(CLINICAL_INTAKE)
                        .requestMatchers(HttpMethod.GET, "/internal/clinical/prescriptions/**").hasRole(CLINICAL_READER)
                        .requestMatchers(HttpMethod.GET, "/internal/clinical/intakes/**").hasRole(CLINICAL_READER)
                        .requestMatchers(HttpMethod.GET, "/internal/partners").authenticated()
                        .requestMatchers("/internal/**").denyAll()
                        .requestMatchers("/actuator", "/actuator/**").hasRole(OPS)
                        .anyRequest().authenticated())
                .authenticationManager(credentialCheck)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * Accepts exactly one of the configured credentials, with its role; the comparison takes the same time for
     * any input (both credentials are always compared). A bean, so Spring Boot makes no default user.
     */
    @Bean
    static AuthenticationManager credentialCheck(ServiceCredentials credentials,
            @Value("${carepath.ops.user}") String opsUser, @Value("${carepath.ops.password}") String opsPassword) {
        Check intake = new Check(credentials.intake(), CLINICAL_INTAKE);
        Check reader = new Check(credentials.reader(), CLINICAL_READER);
        Check ops = new Check(new ServiceCredentials.Credential(opsUser, opsPassword), OPS);
        return authentication -> {
            byte[] user = sha256(String.valueOf(authentication.getName()));
            byte[] password = sha256(String.valueOf(authentication.getCredentials()));
            boolean isIntake = intake.matches(user, password);
            boolean isReader = reader.matches(user, password);
            boolean isOps = ops.matches(user, password);
            if (!(isIntake | isReader | isOps)) {
                throw new BadCredentialsException("wrong service credential");
            }
            String role = isIntake ? intake.role() : isReader ? reader.role() : ops.role();
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + role)));
        };
    }

    /** One configured credential, kept as digests, and the role it grants. */
    private record Check(byte[] user, byte[] password, String role) {

        Check(ServiceCredentials.Credential credential, String role) {
            this(sha256(credential.user()), sha256(credential.password()), role);
        }

        boolean matches(byte[] presentedUser, byte[] presentedPassword) {
            return MessageDigest.isEqual(user, presentedUser) & MessageDigest.isEqual(password, presentedPassword);
        }
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String type,
            String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
