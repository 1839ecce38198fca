package dev.carepath.workers.clinical;

import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the clinical store's internal endpoints share: the form of the ids in their paths, and RFC 9457 problem
 * answers whose details never quote a submitted value.
 */
final class InternalApi {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern ORDER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String PROBLEMS = "https://carepath.dev/problems/";

    private InternalApi() {
    }

    /** @throws ResponseStatusException 400 when the tenant or order id is not of their form */
    static void checkIds(String tenantId, String orderId) {
        if (!TENANT.matcher(tenantId).matches() || !ORDER.matcher(orderId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "tenant or order id malformed");
        }
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
