package dev.carepath.engine.security;

import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.operaton.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every call to {@code /engine-rest/*} must authenticate with HTTP Basic against the engine's users. */
@Configuration
class EngineRestSecurity {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(ProcessEngine engine) {
        var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(
                new ApplicationEngineAuthenticationFilter(engine));
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(10);
        return registration;
    }

    /**
     * Operaton's filter, addressing this application's engine directly. The stock filter looks the engine up with a
     * {@link java.util.ServiceLoader} on every request, which scans every jar of the application for a provider file:
     * 558 of 6,894 of the engine's CPU samples (8 %) in a JFR recording of {@code ./carepath bench}. Another engine
     * name still goes the stock way.
     */
    static final class ApplicationEngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {

        private final ProcessEngine engine;

        ApplicationEngineAuthenticationFilter(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        protected ProcessEngine getAddressedEngine(String engineName) {
            return engine.getName().equals(engineName) ? engine : super.getAddressedEngine(engineName);
        }
    }
}
