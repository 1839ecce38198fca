package dev.carepath.portal.web;

import dev.carepath.contracts.problems.BufferedBodyRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the bodies the portal reads whole: the agent API's ({@code /v1/**} and the MCP server's {@code /mcp}, {@value #MAX_BODY_BYTES} bytes) and
 * the partner webhooks' ({@code /webhooks/**}, {@code carepath.webhooks.max-body-size}, 64 KiB unless configured).
 * A larger body gets 413 {@code payload-too-large} before anything parses it or computes an HMAC over it: a
 * declared {@code Content-Length} over the limit is refused unread, a chunked body is read up to one byte past
 * the limit. The body read is kept in memory ({@link BufferedBodyRequest}) for the checks and handlers after it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class BodyLimitFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper json;
    private final int webhookLimit;

    BodyLimitFilter(ObjectMapper json, @Value("${carepath.webhooks.max-body-size:64KB}") DataSize webhookLimit) {
        this.json = json;
        this.webhookLimit = (int) Math.min(Integer.MAX_VALUE - 1, webhookLimit.toBytes());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limitOf(request.getRequestURI()) < 0;
    }

    private int limitOf(String path) {
        if (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/mcp")) {
            return MAX_BODY_BYTES;
        }
        if (path.startsWith("/webhooks/")) {
            return webhookLimit;
        }
        return -1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = limitOf(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(limit + 1);
        } catch (IOException unreadable) {
            // A broken chunked encoding, or a client that stopped sending: nothing to hand on.
            ProblemResponses.write(response, json, Problems.detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                    "Malformed request", "The request body could not be read."));
            return;
        }
        if (body.length > limit) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response, int limit) throws IOException {
        // The rest of the body is not read: the connection closes after this answer.
        response.setHeader("Connection", "close");
        ProblemResponses.write(response, json, Problems.detail(HttpStatus.PAYLOAD_TOO_LARGE,
                Problems.PAYLOAD_TOO_LARGE, "Payload too large", "The request body exceeds " + limit + " bytes."));
    }
}
