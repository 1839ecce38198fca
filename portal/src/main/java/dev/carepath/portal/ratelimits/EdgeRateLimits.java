package dev.carepath.portal.ratelimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the two doors that take no bearer token, before anything else runs: {@code /oauth2/token} per client id
 * (from HTTP Basic; without it, per remote address), so a guessed secret cannot be tried at will, and the partner
 * webhook ingress per partner ({@code /webhooks/<kind>/<partner>}).
 */
class EdgeRateLimits extends OncePerRequestFilter {

    private static final int MAX_KEY = 128;

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final ObjectMapper json;

    EdgeRateLimits(RateLimiter limiter, RateLimitProperties properties, ObjectMapper json) {
        this.limiter = limiter;
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        RateLimiter.Decision decision = null;
        if (path.equals("/oauth2/token")) {
            decision = limiter.take("token", "token:" + caller(request), properties.token());
        } else if (path.startsWith("/webhooks/")) {
            decision = limiter.take("webhooks", "webhook:" + bounded(partnerOf(path)), properties.webhooks());
        }
        if (decision != null && !decision.allowed()) {
            RateLimitAnswers.refuse(response, json, decision);
            return;
        }
        if (decision != null) {
            RateLimitAnswers.headers(response, decision);
        }
        chain.doFilter(request, response);
    }

    /** The client id of an HTTP Basic header, else the remote address. */
    private static String caller(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    return "client:" + bounded(pair.substring(0, colon));
                }
            } catch (IllegalArgumentException e) {
                // not base64: limited by address like any caller without a client id
            }
        }
        return "address:" + request.getRemoteAddr();
    }

    /** {@code <kind>/<partner>} of {@code /webhooks/<kind>/<partner>[/...]}. */
    private static String partnerOf(String path) {
        String[] parts = path.split("/");
        return parts.length >= 4 ? parts[2] + "/" + parts[3] : parts.length == 3 ? parts[2] : "-";
    }

    private static String bounded(String key) {
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }
}
