package dev.carepath.contracts.problems;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report, in place of its HTML page: what Tomcat answers itself, before any filter or servlet runs (a
 * malformed request line, a character not allowed in the request target, headers or a target over the limits, an
 * invalid header, a method it does not allow) is written as the RFC 9457 problem of its status
 * ({@link ProblemTypes}). It never quotes the request or Tomcat's message.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemTypes.json(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is committed: nothing more to say.
        }
    }
}
