package dev.carepath.portal.ratelimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.portal.security.Agents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits {@code /v1/**} and the MCP server's {@code /mcp} per machine client and per tenant, after authentication
 * (a refused token takes no token from anyone's bucket): every request, a REST call or an MCP client's JSON-RPC
 * message (a tool call, initialize, ...), takes one token from the client's bucket, then one from its tenant's,
 * sized by the tenant's plan; over the limit the HTTP request is answered 429, before the MCP server reads it. The platform client (no tenant) has a client bucket of the default plan only. The answer carries the
 * headers of the bucket with fewer tokens left.
 */
class AgentRateLimits implements HandlerInterceptor {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final ObjectMapper json;

    AgentRateLimits(RateLimiter limiter, RateLimitProperties properties, ObjectMapper json) {
        this.limiter = limiter;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return true;
        }
        String tenant = token.getToken().getClaimAsString(Agents.TENANT_CLAIM);
        RateLimitProperties.Plan plan = properties.planOf(tenant);
        RateLimiter.Decision client = limiter.take("client", "client:" + token.getName(), plan.client());
        if (!client.allowed()) {
            RateLimitAnswers.refuse(response, json, client);
            return false;
        }
        if (tenant == null) {
            RateLimitAnswers.headers(response, client);
            return true;
        }
        RateLimiter.Decision shared = limiter.take("tenant", "tenant:" + tenant, plan.tenant());
        if (!shared.allowed()) {
            RateLimitAnswers.refuse(response, json, shared);
            return false;
        }
        RateLimitAnswers.headers(response, shared.remaining() < client.remaining() ? shared : client);
        return true;
    }
}
