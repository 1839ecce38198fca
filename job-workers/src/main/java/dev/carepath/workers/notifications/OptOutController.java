package dev.carepath.workers.notifications;

import dev.carepath.workers.clinical.api.Intake;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /internal/notifications/opt-outs/{tenantId}/{orderId}/{channel}}: the patient no longer wants the
 * order's notifications on {@code channel} ({@code email}, {@code sms} or {@code push}); 204 whether it is new or was
 * recorded before. Internal, for the caller holding the clinical-intake credential (it relays what the patient told
 * the tenant's agent). From then on that channel is skipped, and each skipped message is recorded
 * ({@code notification.failed}, reason {@value PatientMessenger#OPTED_OUT}). 400 (RFC 9457) for a malformed id or
 * an unknown channel, nothing recorded.
 */
@RestController
@RequestMapping("/internal/notifications/opt-outs")
class OptOutController {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern ORDER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final OptOuts optOuts;

    OptOutController(OptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @PutMapping("/{tenantId}/{orderId}/{channel}")
    ResponseEntity<?> optOut(@PathVariable String tenantId, @PathVariable String orderId,
            @PathVariable String channel) {
        if (!TENANT.matcher(tenantId).matches() || !ORDER.matcher(orderId).matches()
                || !Intake.CHANNELS.contains(channel)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The tenant or order id is malformed, or the channel is not one of email, sms, push.");
            problem.setType(URI.create("https://carepath.dev/problems/validation"));
            problem.setTitle("Invalid opt-out");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        optOuts.record(tenantId, orderId, channel);
        return ResponseEntity.noContent().build();
    }
}
