package dev.carepath.engine.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator: health (with its readiness and liveness groups) is open to probes; every other endpoint (the index,
 * info, metrics) needs the operations account over HTTP Basic ({@code CAREPATH_OPS_USER} /
 * {@code CAREPATH_OPS_PASSWORD}). Spring Security guards {@code /actuator/**} only: the engine REST API and the
 * webapps keep Operaton's own authentication ({@link EngineRestSecurity}, the webapps' login). A refusal is a 401
 * RFC 9457 problem that names nothing submitted.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    static final String OPS = "OPS";

    private static final String UNAUTHORIZED = """
            {"type":"https://carepath.dev/problems/unauthorized","title":"Unauthorized","status":401,\
            "detail":"This endpoint needs the operations account (HTTP Basic)."}""";

    @Bean
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problem(response);
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(OPS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The operations account, from configuration (a local default on a developer machine only). */
    @Bean
    InMemoryUserDetailsManager opsAccount(@Value("${carepath.engine.ops-user}") String user,
            @Value("${carepath.engine.ops-password}") String password) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(User.withUsername(user).password(encoder.encode(password))
                .roles(OPS).build());
    }

    private static void problem(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"carepath-engine-actuator\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(UNAUTHORIZED.getBytes(StandardCharsets.UTF_8));
    }
}
