package dev.carepath.simulator;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A partner's answer, kept so that a repeated request can get exactly the same one back.
 *
 * @param replayed whether this is the recorded answer to an earlier request with the same idempotency key;
 *                 partners say so in the {@value #REPLAYED_HEADER} header
 */
public record Reply(HttpStatus status, Object body, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public static Reply of(HttpStatus status, Object body) {
        return new Reply(status, body, false);
    }

    /** The partners' error body: {@code {"error": "<code>"}}. */
    public static Reply error(HttpStatus status, String error) {
        return of(status, Map.of("error", error));
    }

    public Reply asReplay() {
        return new Reply(status, body, true);
    }

    public Reply withStatus(HttpStatus newStatus) {
        return new Reply(newStatus, body, replayed);
    }

    public ResponseEntity<Object> toResponse() {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (replayed) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(body);
    }
}
