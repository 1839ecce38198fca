package dev.carepath.workers.clinical;

import dev.carepath.workers.clinical.api.Prescription;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The clinical store's internal prescription read: the portal asks here for an order's latest prescription on
 * behalf of an agent holding {@code phi:read}, naming who reads ({@code accessor}: the agent's client id) and why
 * ({@code purpose}). The read is an audited one like every other ({@link PrescriptionStore#latestOf}:
 * {@code clinical.phi-accessed} in the read's transaction). Internal only, and only for callers holding the
 * clinical-reader service credential ({@code dev.carepath.workers.security}).
 * <ul>
 *   <li>200: the decrypted prescription, {@code Cache-Control: no-store};</li>
 *   <li>404 {@code prescription-not-found}: the order has none (yet), nothing recorded;</li>
 *   <li>400: malformed ids, accessor or purpose.</li>
 * </ul>
 */
@RestController
@RequestMapping("/internal/clinical/prescriptions")
class PrescriptionController {

    /** A machine client id or a service and task, as {@code clinical.phi-accessed} names its accessor. */
    static final Pattern ACCESSOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    /** A purpose code, e.g. {@code treatment}. */
    static final Pattern PURPOSE = Pattern.compile("[a-z][a-z-]{1,63}");

    /** The answer: the prescription of the latest cycle that has one. */
    record LatestPrescription(String rxId, String orderId, int cycle, String medication, String doseMg, int quantity,
            String directions, String prescriberNpi, Instant recordedAt) {

        static LatestPrescription of(Prescription rx) {
            return new LatestPrescription(rx.rxId(), rx.orderId(), rx.cycle(), rx.medication(), rx.doseMg(),
                    rx.quantity(), rx.directions(), rx.prescriberNpi(), rx.recordedAt());
        }
    }

    private final PrescriptionStore prescriptions;

    PrescriptionController(PrescriptionStore prescriptions) {
        this.prescriptions = prescriptions;
    }

    @GetMapping("/{tenantId}/{orderId}/latest")
    ResponseEntity<?> latest(@PathVariable String tenantId, @PathVariable String orderId,
            @RequestParam String accessor, @RequestParam String purpose) {
        InternalApi.checkIds(tenantId, orderId);
        if (!ACCESSOR.matcher(accessor).matches() || !PURPOSE.matcher(purpose).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "accessor or purpose malformed");
        }
        return prescriptions.latestOf(tenantId, orderId, accessor, purpose)
                .<ResponseEntity<?>>map(rx -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .body(LatestPrescription.of(rx)))
                .orElseGet(() -> InternalApi.problem(HttpStatus.NOT_FOUND, "prescription-not-found",
                        "Prescription not found", "This order has no prescription (yet)."));
    }
}
