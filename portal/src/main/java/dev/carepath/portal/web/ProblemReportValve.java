package dev.carepath.portal.web;

import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report (its HTML page, in place): for what Tomcat answers itself, before any filter or servlet
 * runs (a malformed request line, a character not allowed in the request target, headers or a target over the
 * limits, an invalid header), it writes an RFC 9457 problem of {@link Problems#typeFor the type of its status}
 * instead. It never quotes the request or Tomcat's message. Installed on the host by {@link ContainerErrors}.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null && throwable != null) {
            status = status < 500 ? status : 500;
        }
        String type = Problems.typeFor(status).toString();
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + ProblemErrorController.detail(status) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is committed: nothing more to say.
        }
    }
}
