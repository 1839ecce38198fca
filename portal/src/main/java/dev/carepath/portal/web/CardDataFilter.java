package dev.carepath.portal.web;

import dev.carepath.contracts.problems.BufferedBodyRequest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * The edge check of the agent API ({@code /v1/**}) and of the MCP server ({@code /mcp}, whose tool arguments are
 * as free as a REST body): card data is tokenized client-side, so a request that holds
 * what looks like a card number ({@link CardNumbers}) anywhere is refused with 400 {@code card-data-refused}
 * before anything parses it into a request, logs or stores it. It looks where a number can hide:
 * <ul>
 *   <li>a JSON body by its parsed values, every string, number and field name at any depth, after JSON
 *       unescaping ({@code "\u0034\u0032…"} is {@code "42…"}); a body that is not JSON by its text;</li>
 *   <li>every header value except {@code Authorization} (a bearer token is no place for a card and is checked by
 *       signature), e.g. an {@code Idempotency-Key};</li>
 *   <li>the path and the query string, percent-decoded.</li>
 * </ul>
 * The body was bounded and buffered by {@link BodyLimitFilter} before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CardDataFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CardDataFilter.class);

    private final ObjectMapper json;

    CardDataFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/v1") || path.startsWith("/v1/") || path.equals("/mcp"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest replayable = new BufferedBodyRequest(request, body);
        if (holdsCardNumber(request, body)) {
            // Neither the value nor the path (it may be where the number is) goes into the log.
            log.warn("{} request to the agent API refused: it holds what looks like a card number",
                    request.getMethod());
            ProblemResponses.write(response, json, Problems.detail(HttpStatus.BAD_REQUEST, Problems.CARD_DATA_REFUSED,
                    "Card data refused", "The request holds what looks like a payment card number. Send a payment"
                            + " token from the processor instead; card data is never accepted."));
            return;
        }
        chain.doFilter(replayable, response);
    }

    private boolean holdsCardNumber(HttpServletRequest request, byte[] body) {
        for (String name : Collections.list(request.getHeaderNames())) {
            if (name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                if (CardNumbers.containsCardNumber(value)) {
                    return true;
                }
            }
        }
        return inUrl(request.getRequestURI(), false)
                || (request.getQueryString() != null && inUrl(request.getQueryString(), true))
                || inBody(body);
    }

    /** The text as sent and percent-decoded (a malformed escape: as sent only). */
    private static boolean inUrl(String text, boolean query) {
        if (CardNumbers.containsCardNumber(text)) {
            return true;
        }
        try {
            String decoded = query ? URLDecoder.decode(text, StandardCharsets.UTF_8)
                    : UriUtils.decode(text, StandardCharsets.UTF_8);
            return CardNumbers.containsCardNumber(decoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Every value of a JSON body, unescaped; the raw text of any other body (or of JSON that breaks off). */
    private boolean inBody(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try (JsonParser parser = json.getFactory().createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if ((token == JsonToken.FIELD_NAME || token.isScalarValue())
                        && CardNumbers.containsCardNumber(parser.getText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException notJson) {
            return CardNumbers.containsCardNumber(body);
        }
    }
}
