package dev.carepath.contracts.problems;

import java.net.URI;

/**
 * The problem types a bare HTTP status stands for, where a framework (Spring MVC, Spring Security, Tomcat) answers
 * with a status only: 400 {@code malformed-request}, 401 {@code unauthorized}, 403 {@code forbidden}, 404
 * {@code not-found}, 405 {@code method-not-allowed}, 406 {@code not-acceptable}, 413 {@code payload-too-large},
 * 414 {@code uri-too-long}, 415 {@code unsupported-media-type}, 429 {@code too-many-requests}, 431
 * {@code headers-too-large}, 503 {@code service-unavailable}; any other 4xx {@code malformed-request}, any other 5xx
 * {@code internal-error}. A deployable may name finer types for its own refusals (the portal's
 * {@code insufficient-scope}, {@code card-data-refused} …).
 */
public final class ProblemTypes {

    public static final String BASE = "https://carepath.dev/problems/";

    private ProblemTypes() {
    }

    public static String nameFor(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal-error" : "malformed-request";
        };
    }

    public static URI typeFor(int status) {
        return URI.create(BASE + nameFor(status));
    }

    public static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 431 -> "Request headers too large";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
    }

    /** A detail that says what went wrong in general terms; it never quotes the request. */
    public static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required.";
            case 403 -> "The request is not allowed.";
            case 404 -> "No resource at this path.";
            case 405 -> "The method is not allowed at this path.";
            case 406 -> "No acceptable representation: the answers are JSON.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request target is too long.";
            case 415 -> "The content type is not supported.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500 ? "The request could not be completed; it is safe to retry it."
                    : "The request could not be completed.";
        };
    }

    /** The problem of a bare status as JSON text (for writers without a JSON library at hand, e.g. a Tomcat valve). */
    public static String json(int status) {
        return "{\"type\":\"" + typeFor(status) + "\",\"title\":\"" + titleFor(status) + "\",\"status\":" + status
                + ",\"detail\":\"" + detailFor(status) + "\"}";
    }
}
