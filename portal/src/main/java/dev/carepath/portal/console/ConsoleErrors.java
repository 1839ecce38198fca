package dev.carepath.portal.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The console's own error pages (HTML, in the layout), not the API's problem documents: a journey, tenant or record
 * that does not exist is the not-found page. Scoped to the console's controllers.
 */
@ControllerAdvice(basePackages = "dev.carepath.portal.console")
class ConsoleErrors {

    /** Nothing at this address (no such journey, tenant, client or dead letter). */
    static class NotFound extends RuntimeException {
        NotFound() {
            super("not found", null, false, false);
        }
    }

    static NotFound notFound() {
        return new NotFound();
    }

    @ExceptionHandler(NotFound.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "console/not-found";
    }
}
