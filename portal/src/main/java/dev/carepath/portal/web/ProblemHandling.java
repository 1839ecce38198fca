package dev.carepath.portal.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every error as {@code application/problem+json} with a type of ours: the framework's own problems
 * (405, 406, 415 …, which Spring types {@code about:blank}) get {@link Problems#typeFor the type of their status},
 * and the content type is fixed, so a client that accepts only {@code text/html} still gets the problem.
 * Framework messages are replaced where they could quote the request (Jackson's parse errors do); a body of the
 * wrong shape names the offending field (its name, never its value) in {@code errors}. Unexpected failures are
 * logged with their stack trace but answered with a generic 500.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Jackson's message quotes the offending input: never pass it on.
        ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                "Malformed request", "The request body is missing or is not the expected JSON document.");
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown && !unknown.getPath().isEmpty()) {
            problem.setDetail("The request body holds a field this endpoint does not take.");
            problem.setProperty("errors", List.of(Map.of("field", path(unknown), "message", "is not a known field")));
        } else if (ex.getCause() instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            problem.setDetail("A field of the request body has the wrong JSON type or form.");
            problem.setProperty("errors", List.of(Map.of("field", path(mismatched),
                    "message", "has the wrong JSON type or form")));
        } else if (ex.getCause() instanceof ValueInstantiationException notAllowed && !notAllowed.getPath().isEmpty()) {
            // A value outside a contract enum (e.g. an unknown payment processor).
            problem.setDetail("A field of the request body has a value this endpoint does not take.");
            problem.setProperty("errors", List.of(Map.of("field", path(notAllowed),
                    "message", "is not one of the allowed values")));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.detail(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                "No resource at this path.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    /** Spring Security's firewall, when a handler reads what it refuses (its message may quote the request). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex, WebRequest request) {
        ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                "Malformed request", "The request was refused: its path or headers hold what no endpoint accepts.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** A multipart content type (no endpoint takes one) whose parts cannot even be read. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException ex, WebRequest request) {
        ProblemDetail problem = Problems.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", "No endpoint takes a multipart body; send application/json.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    /** A required query parameter missing: the same {@code validation} problem as any invalid input. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationProblem(ex, ex.getParameterName(), "is required", request);
    }

    /** A required header missing (e.g. {@code Idempotency-Key}): a {@code validation} problem naming it. */
    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return validationProblem(ex, missing.getHeaderName(), "header is required", request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /**
     * A parameter of the wrong type (a {@code limit} that is no number, a date-time that is none): a
     * {@code validation} problem naming the parameter, never repeating the value.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        return validationProblem(ex, name == null ? "parameter" : name, "is not of the expected form"
                + (ex.getRequiredType() == null ? "" : " (" + ex.getRequiredType().getSimpleName() + ")"), request);
    }

    private ResponseEntity<Object> validationProblem(Exception ex, String field, String message, WebRequest request) {
        ErrorResponseException problem = Problems.validation(field, message);
        return handleExceptionInternal(ex, problem.getBody(), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("request failed unexpectedly", Redacted.of(ex));
        ProblemDetail problem = Problems.detail(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL,
                "Internal error", "The request could not be completed; it is safe to retry it.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Every problem leaves typed and as {@code application/problem+json}, whatever the request accepts. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : Problems.forStatus(statusCode.value(), "The request could not be completed.");
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(Problems.typeFor(statusCode.value()));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, problemHeaders, statusCode);
    }

    /** {@code intake.comorbidities[2]}-style path of the failing field; names that are not plain are not echoed. */
    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                String name = FIELD_NAME.matcher(reference.getFieldName()).matches() ? reference.getFieldName() : "?";
                path.append(path.isEmpty() ? "" : ".").append(name);
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
