package dev.carepath.workers.clinical;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The clinical store's internal intake endpoint: the portal forwards an agent's intake answers here, so
 * the PHI goes straight into the clinical store and never through events or the engine. Internal only:
 * not exposed beyond the service network, and even there only for callers holding the clinical-intake
 * service credential ({@code dev.carepath.workers.security}).
 */
@RestController
@RequestMapping("/internal/clinical/intakes")
class IntakeController {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern ORDER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Intakes intakes;

    IntakeController(Intakes intakes) {
        this.intakes = intakes;
    }

    @PutMapping("/{tenantId}/{orderId}")
    ResponseEntity<Void> store(@PathVariable String tenantId, @PathVariable String orderId,
            @RequestBody Intake intake) {
        if (!TENANT.matcher(tenantId).matches() || !ORDER.matcher(orderId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "tenant or order id malformed");
        }
        intakes.store(tenantId, orderId, intake);
        return ResponseEntity.noContent().build();
    }
}
