package dev.carepath.portal.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, in place of Spring Boot's JSON or white-label page): an error
 * that ends outside Spring MVC's handlers (a filter that failed, a {@code sendError} of the container or a library)
 * is answered as a problem of {@link Problems#typeFor the type of its status}, never with the exception's message.
 * Errors the container meets before any application code runs are answered by the contracts module's
 * {@code dev.carepath.contracts.problems.ProblemReportValve}.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly, the error page is a path like any other that has no resource.
        int status = code == null ? 404 : code instanceof Integer given && given >= 400 && given <= 599 ? given : 500;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure instanceof Throwable thrown) {
            log.error("request failed unexpectedly", Redacted.of(thrown));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(Problems.forStatus(status, detail(status)), headers, status);
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication is required.";
            case 403 -> "The request is not allowed.";
            case 404 -> "No resource at this path.";
            case 405 -> "The method is not allowed at this path.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request target is too long.";
            case 415 -> "The content type is not supported.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500 ? "The request could not be completed; it is safe to retry it."
                    : "The request could not be completed.";
        };
    }
}
