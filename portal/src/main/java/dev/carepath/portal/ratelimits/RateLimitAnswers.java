package dev.carepath.portal.ratelimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.portal.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The headers of a limited answer and the 429 itself. Headers per draft-ietf-httpapi-ratelimit-headers (structured
 * fields): {@code RateLimit-Policy: "<policy>";q=<burst>;w=<seconds a drained bucket takes to refill>} and
 * {@code RateLimit: "<policy>";r=<tokens left>;t=<seconds until full again, or until the next token when refused>}.
 */
final class RateLimitAnswers {

    private RateLimitAnswers() {
    }

    static void headers(HttpServletResponse response, RateLimiter.Decision decision) {
        RateLimitProperties.Limit limit = decision.limit();
        response.setHeader("RateLimit-Policy", "\"" + decision.policy() + "\";q=" + limit.burst() + ";w=" + limit.window());
        long wait = decision.allowed() ? decision.resetSeconds() : Math.max(1, decision.retryAfterSeconds());
        response.setHeader("RateLimit", "\"" + decision.policy() + "\";r=" + decision.remaining() + ";t=" + wait);
    }

    /** 429 {@code rate-limited} with {@code Retry-After} (whole seconds, at least 1) and the limit's headers. */
    static void refuse(HttpServletResponse response, ObjectMapper json, RateLimiter.Decision decision)
            throws IOException {
        headers(response, decision);
        long retryAfter = Math.max(1, decision.retryAfterSeconds());
        response.setHeader("Retry-After", Long.toString(retryAfter));
        ProblemDetail problem = Problems.detail(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "Rate limited",
                "Too many requests for the " + decision.policy() + " limit ("
                        + java.math.BigDecimal.valueOf(decision.limit().perSecond()).stripTrailingZeros().toPlainString()
                        + " a second, bursts of " + decision.limit().burst() + "); retry after " + retryAfter + " s.");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
