package dev.carepath.portal.ratelimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the limits in: {@link EdgeRateLimits} as a servlet filter ahead of Spring Security (for
 * {@code /oauth2/token} and {@code /webhooks/*}), {@link AgentRateLimits} on {@code /v1/**} once a token has been
 * accepted. Off with {@code carepath.rate-limits.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "carepath.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    FilterRegistrationBean<EdgeRateLimits> edgeRateLimits(RateLimiter limiter, RateLimitProperties properties,
            ObjectMapper json) {
        FilterRegistrationBean<EdgeRateLimits> registration =
                new FilterRegistrationBean<>(new EdgeRateLimits(limiter, properties, json));
        registration.addUrlPatterns("/oauth2/token", "/webhooks/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer agentRateLimits(RateLimiter limiter, RateLimitProperties properties, ObjectMapper json) {
        AgentRateLimits limits = new AgentRateLimits(limiter, properties, json);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // The MCP server's endpoint too (a functional endpoint: its router mapping takes the same interceptors),
                // so each HTTP request of an MCP client, a tool call included, draws on the same buckets.
                registry.addInterceptor(limits).addPathPatterns("/v1/**", "/mcp", "/mcp/**");
            }
        };
    }
}
