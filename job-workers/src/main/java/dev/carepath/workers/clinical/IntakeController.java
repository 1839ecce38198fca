package dev.carepath.workers.clinical;

import dev.carepath.workers.clinical.api.Intake;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The clinical store's internal intake endpoint: the portal forwards an agent's intake answers here
 * ({@code PUT /v1/journeys/{id}/intake}), so the PHI goes straight into the clinical store and never through
 * events or the engine. Internal only: not exposed beyond the service network, and even there only for
 * callers holding the clinical-intake service credential ({@code dev.carepath.workers.security}); reading one back
 * (the staff console's audited reveal) needs the clinical-reader credential.
 * <ul>
 *   <li>204: stored, or replaced an earlier intake of the order;</li>
 *   <li>409 {@code intake-closed}: eligibility was already evaluated on the intake on file; nothing changed;</li>
 *   <li>400: malformed ids or body (the answer never quotes the body).</li>
 * </ul>
 */
@RestController
@RequestMapping("/internal/clinical/intakes")
class IntakeController {

    /** Every field, as a whole-intake read records them ({@code clinical.phi-accessed}). */
    private static final List<String> EVERY_FIELD = List.of("givenName", "familyName", "dateOfBirth", "address",
            "email", "heightCm", "weightKg", "comorbidities", "contraindications", "phone", "pushToken", "channels");

    private final IntakeStore intakes;

    IntakeController(IntakeStore intakes) {
        this.intakes = intakes;
    }

    @PutMapping("/{tenantId}/{orderId}")
    ResponseEntity<?> store(@PathVariable String tenantId, @PathVariable String orderId, @RequestBody Intake intake) {
        InternalApi.checkIds(tenantId, orderId);
        if (!intakes.store(tenantId, orderId, intake)) {
            return InternalApi.problem(HttpStatus.CONFLICT, "intake-closed", "Intake closed",
                    "Eligibility was already evaluated on the intake on file; it can no longer be replaced.");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * The order's intake for a staff member who stated why ({@code accessor}: {@code console:<login>}, {@code purpose}:
     * e.g. {@code treatment}): 200 with the answers ({@code Cache-Control: no-store}), the read recorded
     * ({@code clinical.phi-accessed}, every field) in the read's transaction; 404 {@code intake-not-found} when the
     * order has none, nothing recorded. Needs the clinical-reader credential, like a prescription read.
     */
    @GetMapping("/{tenantId}/{orderId}")
    ResponseEntity<?> read(@PathVariable String tenantId, @PathVariable String orderId, @RequestParam String accessor,
            @RequestParam String purpose) {
        InternalApi.checkIds(tenantId, orderId);
        if (!PrescriptionController.ACCESSOR.matcher(accessor).matches()
                || !PrescriptionController.PURPOSE.matcher(purpose).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "accessor or purpose malformed");
        }
        return intakes.of(tenantId, orderId, accessor, purpose, EVERY_FIELD)
                .<ResponseEntity<?>>map(intake -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(intake))
                .orElseGet(() -> InternalApi.problem(HttpStatus.NOT_FOUND, "intake-not-found", "Intake not found",
                        "This order has no intake (yet)."));
    }

    /** Jackson's message would quote the body (PHI): answer without it, and log nothing. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable() {
        return InternalApi.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "The body is not an intake: every answer must be present and of its type.");
    }
}
