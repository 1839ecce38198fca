package dev.carepath.portal.console;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's filter chain, ahead of the agents' chains and apart from them: it matches {@code /console/**} only
 * (pages, login, logout, the console's assets and webjars), so the bearer-token chains of {@code /v1/**},
 * {@code /mcp}, {@code /oauth2/**} and {@code /webhooks/**} are untouched by it.
 *
 * <ul>
 *   <li>Form login at {@code /console/login} against {@link StaffUsers}; OIDC login (Spring Security OAuth2 login)
 *       as well when {@code carepath.console.oidc.enabled}, its roles read from a claim.</li>
 *   <li>CSRF tokens on every state-changing request (in the session; forms carry them, htmx sends them as a
 *       header).</li>
 *   <li>The session (Spring Session JDBC) expires after the idle timeout ({@code server.servlet.session.timeout});
 *       its cookie is HttpOnly, SameSite=Lax, limited to {@code /console}, and Secure whenever the request came over
 *       TLS. A request with an expired session goes to the login page.</li>
 *   <li>Roles per page: decision tables {@code clinical-ops}; tenants and clients, dead letters, webhook deliveries
 *       and audit verification {@code platform-admin}; an incident retry {@code care-ops} or {@code platform-admin};
 *       a PHI reveal {@code clinicians}; everything else any staff role. A page the role may not open renders the
 *       403 page.</li>
 *   <li>Headers: a strict Content-Security-Policy (scripts and styles from the portal only), no framing, no
 *       referrer leaving the portal.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurity {

    static final String LOGIN = "/console/login";
    static final String FORBIDDEN = "/console/forbidden";
    /** Where OIDC login starts: {@code /console/oauth2/authorization/<registrationId>}. */
    static final String OIDC_AUTHORIZATION = "/console/oauth2/authorization";

    private static final String ADMIN = StaffRole.PLATFORM_ADMIN.id();

    @Bean
    @Order(0)
    SecurityFilterChain console(HttpSecurity http, StaffUsers users, PasswordEncoder encoder,
            ConsoleProperties properties, ObjectProvider<ClientRegistrationRepository> registrations,
            @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users.details());
        passwords.setPasswordEncoder(encoder);
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage(FORBIDDEN);
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(requests -> requests
                        // The 403 page too: the access-denied handler forwards to it, and a forward passes this chain
                        // again (every dispatch type is authorized), also for a refused anonymous form (CSRF).
                        .requestMatchers(LOGIN, FORBIDDEN, "/console/assets/**", "/console/webjars/**").permitAll()
                        .requestMatchers("/console/decisions", "/console/decisions/**")
                        .hasRole(StaffRole.CLINICAL_OPS.id())
                        .requestMatchers("/console/tenants", "/console/tenants/**").hasRole(ADMIN)
                        .requestMatchers("/console/operations/tasks", "/console/operations/partners")
                        .hasAnyRole(StaffRole.all())
                        .requestMatchers("/console/operations/**").hasRole(ADMIN)
                        .requestMatchers("/console/journeys/*/phi", "/console/journeys/*/phi/**")
                        .hasRole(StaffRole.CLINICIANS.id())
                        .requestMatchers(HttpMethod.POST, "/console/journeys/*/incidents/**")
                        .hasAnyRole(StaffRole.CARE_OPS.id(), ADMIN)
                        .anyRequest().hasAnyRole(StaffRole.all()))
                .authenticationProvider(passwords)
                .formLogin(form -> form
                        .loginPage(LOGIN)
                        .loginProcessingUrl(LOGIN)
                        .defaultSuccessUrl("/console", false)
                        .failureUrl(LOGIN + "?error")
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/console/logout")
                        .logoutSuccessUrl(LOGIN + "?logout")
                        .deleteCookies(sessionCookie))
                .sessionManagement(session -> session.invalidSessionUrl(LOGIN + "?expired"))
                .exceptionHandling(errors -> errors.accessDeniedHandler(forbidden))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self';"
                                + " style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
                                + " form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        if (!properties.formLogin()) {
            http.formLogin(form -> form.disable());
        }
        if (properties.oidc().enabled()) {
            if (registrations.getIfAvailable() == null) {
                throw new IllegalStateException("carepath.console.oidc.enabled needs a client registration"
                        + " (spring.security.oauth2.client.registration." + properties.oidc().registrationId() + ".*)");
            }
            http.oauth2Login(oidc -> oidc
                    .loginPage(LOGIN)
                    .authorizationEndpoint(endpoint -> endpoint.baseUri(OIDC_AUTHORIZATION))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri("/console/login/oauth2/code/*"))
                    .userInfoEndpoint(info -> info.userAuthoritiesMapper(rolesFrom(properties.oidc().rolesClaim())))
                    .defaultSuccessUrl("/console", false)
                    .failureUrl(LOGIN + "?error"));
        }
        return http.build();
    }

    /** An OIDC person's roles: the values of {@code claim} (a list or one string) that name a {@link StaffRole}. */
    static GrantedAuthoritiesMapper rolesFrom(String claim) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                Object value = null;
                if (authority instanceof OidcUserAuthority oidc) {
                    value = oidc.getIdToken().getClaims().get(claim);
                    if (value == null && oidc.getUserInfo() != null) {
                        value = oidc.getUserInfo().getClaims().get(claim);
                    }
                } else if (authority instanceof OAuth2UserAuthority user) {
                    value = user.getAttributes().get(claim);
                }
                Collection<?> names = value instanceof Collection<?> many ? many : value == null ? List.of() : List.of(value);
                for (Object name : names) {
                    StaffRole.of(String.valueOf(name)).ifPresent(role ->
                            mapped.add(new SimpleGrantedAuthority(role.authority())));
                }
            }
            return mapped;
        };
    }
}
