package dev.carepath.engine.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.problems.ProblemTypes;
import dev.carepath.contracts.problems.BufferedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks what the engine REST API ({@code /engine-rest}) is sent before Operaton reads it, and refuses with a
 * carepath problem what Operaton would fail on with a 500 or answer in plain text:
 * <ul>
 *   <li>a header value holding anything but printable ASCII: 400 {@code malformed-request};</li>
 *   <li>a body-carrying request whose {@code Content-Type} is no concrete media type ({@code *}{@code /*},
 *       unparsable): 415 {@code unsupported-media-type};</li>
 *   <li>a JSON body over {@value #MAX_BODY_BYTES} bytes: 413 {@code payload-too-large}; one that is not a single JSON
 *       object ({@code null}, a scalar, an array, broken, trailing data, a key twice): 400
 *       {@code malformed-request};</li>
 *   <li>a NUL character in a JSON string or in the query (PostgreSQL cannot compare or store it; Operaton's query
 *       would fail with a 500): 400 {@code malformed-request}.</li>
 * </ul>
 * Other bodies (the multipart deployments) pass unread. Runs first, before authentication.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestInput {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final List<String> BODY_METHODS = List.of("POST", "PUT", "PATCH");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestInputFilter(ObjectMapper json) {
        ObjectMapper strict = json.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        check(strict, request, response, chain);
                    }
                });
        registration.setName("engine-rest-input");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(1); // before the REST API's authentication
        return registration;
    }

    private static void check(ObjectMapper strict, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E))) {
                    refuse(response, 400);
                    return;
                }
            }
        }
        if (request.getQueryString() != null && holdsNul(request.getQueryString())) {
            refuse(response, 400);
            return;
        }
        if (!BODY_METHODS.contains(request.getMethod()) || request.getContentType() == null) {
            chain.doFilter(request, response);
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException e) {
            refuse(response, 415);
            return;
        }
        if (!type.isConcrete()) {
            refuse(response, 415);
            return;
        }
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(response, 413);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException unreadable) {
            refuse(response, 400);
            return;
        }
        if (body.length > MAX_BODY_BYTES) {
            refuse(response, 413);
            return;
        }
        if (body.length > 0) {
            try {
                JsonNode root = strict.readTree(body);
                if (root == null || !root.isObject() || holdsNul(root)) {
                    refuse(response, 400);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                refuse(response, 400);
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /** A NUL character, which PostgreSQL cannot take in a text value (the query would fail with a 500). */
    static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            if (names.next().indexOf('\u0000') >= 0) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (holdsNul(child)) {
                return true;
            }
        }
        return false;
    }

    static boolean holdsNul(String query) {
        try {
            return java.net.URLDecoder.decode(query, StandardCharsets.UTF_8).indexOf('\u0000') >= 0;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ProblemTypes.json(status).getBytes(StandardCharsets.UTF_8));
    }

}
