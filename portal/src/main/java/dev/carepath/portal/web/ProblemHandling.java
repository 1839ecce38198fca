package dev.carepath.portal.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every error as {@code application/problem+json}. Framework messages are replaced where they
 * could quote the request (Jackson's parse errors do), and unexpected failures are logged with their
 * stack trace but answered with a generic 500.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Jackson's message quotes the offending input: never pass it on.
        ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                "Malformed request", "The request body is missing or is not the expected JSON document.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.detail(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                "No resource at this path.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
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
}
