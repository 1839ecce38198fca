package dev.carepath.engine.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.List;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.operaton.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every call to {@code /engine-rest/*} must authenticate with HTTP Basic against the engine's users. */
@Configuration
class EngineRestSecurity {

    @Bean
    VerifiedCredentials verifiedCredentials(@Value("${carepath.engine.rest-credentials-ttl:30s}") Duration ttl) {
        return new VerifiedCredentials(ttl);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(ProcessEngine engine,
            VerifiedCredentials credentials) {
        var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(
                new ApplicationEngineAuthenticationFilter(engine, credentials));
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        // Operaton's filter requires it; for the application's engine it is replaced by one that keeps its findings.
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(10);
        return registration;
    }

    /**
     * Operaton's filter, addressing this application's engine directly. The stock filter looks the engine up with a
     * {@link java.util.ServiceLoader} on every request, which scans every jar of the application for a provider file:
     * 558 of 6,894 of the engine's CPU samples (8 %) in a JFR recording of {@code ./carepath bench}. Another engine
     * name still goes the stock way.
     * <p>
     * For the application's engine, what authentication found is kept for a short while ({@link VerifiedCredentials}):
     * three engine commands (three commits) fewer for every request of a caller seen within the time to live.
     */
    static final class ApplicationEngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {

        private final ProcessEngine engine;
        private final VerifiedCredentials credentials;

        ApplicationEngineAuthenticationFilter(ProcessEngine engine, VerifiedCredentials credentials) {
            this.engine = engine;
            this.credentials = credentials;
        }

        @Override
        public void init(FilterConfig filterConfig) throws ServletException {
            super.init(filterConfig);
            authenticationProvider = new HttpBasicAuthenticationProvider() {
                @Override
                protected boolean isAuthenticated(ProcessEngine addressed, String user, String password) {
                    return addressed == engine
                            ? credentials.isRight(user, password, () -> checkPassword(addressed, user, password))
                            : checkPassword(addressed, user, password);
                }
            };
        }

        private static boolean checkPassword(ProcessEngine addressed, String user, String password) {
            return addressed.getIdentityService().checkPassword(user, password);
        }

        @Override
        protected void setAuthenticatedUser(ProcessEngine addressed, String userId, List<String> groupIds,
                                            List<String> tenantIds) {
            if (addressed != engine || (groupIds != null && tenantIds != null)) {
                super.setAuthenticatedUser(addressed, userId, groupIds, tenantIds);
                return;
            }
            VerifiedCredentials.Memberships found = credentials.of(userId, () -> new VerifiedCredentials.Memberships(
                    List.copyOf(getGroupsOfUser(addressed, userId)), List.copyOf(getTenantsOfUser(addressed, userId))));
            super.setAuthenticatedUser(addressed, userId, groupIds != null ? groupIds : found.groups(),
                    tenantIds != null ? tenantIds : found.tenants());
        }

        @Override
        protected ProcessEngine getAddressedEngine(String engineName) {
            return engine.getName().equals(engineName) ? engine : super.getAddressedEngine(engineName);
        }
    }
}
