package dev.carepath.portal.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The portal's problem types (RFC 9457). A type URI is part of the API contract: clients branch on it,
 * so it never changes. Details never echo submitted values: they may be patient references, payment
 * tokens or card data.
 */
public final class Problems {

    public static final String BASE = "https://carepath.dev/problems/";

    public static final URI VALIDATION = type("validation");
    public static final URI MALFORMED_REQUEST = type("malformed-request");
    public static final URI CARD_DATA_REFUSED = type("card-data-refused");
    public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");
    public static final URI IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused");
    public static final URI NOT_FOUND = type("not-found");
    public static final URI INVALID_SIGNATURE = type("invalid-signature");
    public static final URI STALE_WEBHOOK = type("stale-webhook");
    public static final URI UNSUPPORTED_EVENT = type("unsupported-event");
    public static final URI DECISION_INVALID = type("decision-invalid");
    public static final URI GOLDEN_CASES_FAILED = type("golden-cases-failed");
    public static final URI ENGINE_UNAVAILABLE = type("engine-unavailable");
    public static final URI TENANT_EXISTS = type("tenant-exists");
    public static final URI NO_TENANT = type("no-tenant");
    public static final URI TENANT_MISMATCH = type("tenant-mismatch");
    public static final URI NOT_ENTITLED = type("not-entitled");
    public static final URI JOURNEY_ENDED = type("journey-ended");
    public static final URI INTAKE_CLOSED = type("intake-closed");
    public static final URI PRESCRIPTION_NOT_FOUND = type("prescription-not-found");
    public static final URI CLINICAL_UNAVAILABLE = type("clinical-unavailable");
    public static final URI DELIVERY_NOT_FAILED = type("delivery-not-failed");
    public static final URI RATE_LIMITED = type("rate-limited");
    public static final URI INTERNAL = type("internal-error");
    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI INSUFFICIENT_SCOPE = type("insufficient-scope");
    public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = type("not-acceptable");
    public static final URI UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type");
    public static final URI URI_TOO_LONG = type("uri-too-long");
    public static final URI HEADERS_TOO_LARGE = type("headers-too-large");
    public static final URI SERVICE_UNAVAILABLE = type("service-unavailable");

    private Problems() {
    }

    /** One rejected input: a body field or header name, and what is wrong with it (never its value). */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail detail(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    public static ErrorResponseException exception(HttpStatus status, URI type, String title, String detail) {
        return new ErrorResponseException(status, detail(status, type, title, detail), null);
    }

    /** 400: the request is well-formed but some inputs are invalid; lists each of them. */
    public static ErrorResponseException validation(List<FieldError> errors) {
        ProblemDetail problem = detail(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                errors.size() == 1 ? "1 input is invalid." : errors.size() + " inputs are invalid.");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field().replace(".<list element>", "").replace("<list element>", ""),
                        "message", e.message()))
                .toList());
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    public static ErrorResponseException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ErrorResponseException malformed(String detail) {
        return exception(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, "Malformed request", detail);
    }

    public static ErrorResponseException notFound(String detail) {
        return exception(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", detail);
    }

    /**
     * The problem a bare status stands for, where the framework (Spring MVC, Tomcat, the security chain) reports
     * one without a type of ours: 400 {@code malformed-request}, 401 {@code unauthorized}, 403
     * {@code insufficient-scope}, 404 {@code not-found}, 405 {@code method-not-allowed}, 406 {@code not-acceptable},
     * 413 {@code payload-too-large}, 414 {@code uri-too-long}, 415 {@code unsupported-media-type}, 431
     * {@code headers-too-large}, 503 {@code service-unavailable}, any other 4xx {@code malformed-request} and any
     * other 5xx {@code internal-error}.
     */
    public static URI typeFor(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> INSUFFICIENT_SCOPE;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }

    /** A problem of {@link #typeFor(int) the type a bare status stands for}, titled by the status's reason. */
    public static ProblemDetail forStatus(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(typeFor(status));
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        return problem;
    }

    private static URI type(String name) {
        return URI.create(BASE + name);
    }
}
