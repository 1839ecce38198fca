package dev.carepath.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check of every request, on every path, before security or any endpoint reads it: what no endpoint
 * of ours can read is refused here, as a problem, instead of failing deep inside the framework.
 * <ul>
 *   <li>a header value holding anything but printable ASCII (control bytes, UTF-8 or Latin-1 letters): 400
 *       {@code malformed-request}, {@code errors} naming the header. Our headers are tokens, keys, timestamps and
 *       signatures; RFC 9110 lets a server refuse other octets, and Spring Security's firewall would otherwise
 *       throw on the first read of such a header, deep in a handler;</li>
 *   <li>a body-carrying request whose {@code Content-Type} is no concrete media type (unparsable, or a wildcard
 *       such as {@code *}{@code /*} or {@code application/*}): 415 {@code unsupported-media-type};</li>
 *   <li>an agent API request ({@code /v1/**}) whose {@code Accept} admits no JSON: 406 {@code not-acceptable},
 *       before the endpoint runs.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EdgeRequestFilter extends OncePerRequestFilter {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    private static final List<String> BODY_METHODS = List.of("POST", "PUT", "PATCH");

    private final ObjectMapper json;

    EdgeRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                if (!printableAscii(value)) {
                    ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                            "Malformed request", "A header value holds characters other than printable ASCII.");
                    problem.setProperty("errors", List.of(Map.of(
                            "field", HEADER_NAME.matcher(name).matches() ? name : "(header)",
                            "message", "must hold printable ASCII characters only")));
                    ProblemResponses.write(response, json, problem);
                    return;
                }
            }
        }
        if (BODY_METHODS.contains(request.getMethod()) && !concreteMediaType(request.getContentType())) {
            ProblemResponses.write(response, json, Problems.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    Problems.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type must name one concrete media type, such as application/json."));
            return;
        }
        if (isAgentApi(request.getRequestURI()) && !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            ProblemResponses.write(response, json, Problems.detail(HttpStatus.NOT_ACCEPTABLE, Problems.NOT_ACCEPTABLE,
                    "Not acceptable", "The API answers application/json (errors application/problem+json) only."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isAgentApi(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    /**
     * The API's answers are JSON: a request that accepts none of it is refused before it changes anything (Spring MVC
     * would find out only when writing the answer, after the journey was stored).
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException among them
            return false;
        }
    }

    /** Visible ASCII, space and horizontal tab: what a header value of ours may hold (RFC 9110 field-vchar). */
    static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** No Content-Type at all is left to the endpoint (a body-less POST is fine); a given one must be concrete. */
    static boolean concreteMediaType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
