package dev.carepath.portal.callbacks;

import dev.carepath.eventing.TenantTransactions;
import dev.carepath.portal.tenants.Tenants;
import dev.carepath.portal.web.Problems;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff endpoints (scope {@code admin}) on the tenants' webhooks.
 * <ul>
 *   <li>{@code GET /v1/admin/tenants/{id}/webhook-deliveries[?status=failed|pending|delivered][&limit=]}: the
 *       tenant's deliveries, newest first;</li>
 *   <li>{@code POST /v1/admin/tenants/{id}/webhook-deliveries/{deliveryId}/replay}: a failed delivery is sent
 *       again (pending from now, a fresh retry window; 409 {@code delivery-not-failed} for any other);</li>
 *   <li>{@code POST /v1/admin/tenants/{id}/webhook-secret/rotation} ({@code {"overlap": "PT24H"}} optional): a
 *       new signing secret, shown in this answer only; the earlier ones keep signing until the overlap ends.</li>
 * </ul>
 * An unknown tenant or delivery is 404 {@code not-found}.
 */
@RestController
@RequestMapping("/v1/admin/tenants/{tenantId}")
class CallbackAdminController {

    private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED");
    private static final int MAX_LIMIT = 500;

    record DeliveryList(String tenantId, String status, List<Deliveries.Delivery> deliveries) {
    }

    record RotationRequest(String overlap) {
    }

    private final Deliveries deliveries;
    private final SigningSecrets secrets;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final CallbackProperties properties;

    CallbackAdminController(Deliveries deliveries, SigningSecrets secrets, Tenants tenants,
            TenantTransactions transactions, CallbackProperties properties) {
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.tenants = tenants;
        this.transactions = transactions;
        this.properties = properties;
    }

    @GetMapping("/webhook-deliveries")
    DeliveryList list(@PathVariable String tenantId, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        String wanted = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw Problems.validation(List.of(new Problems.FieldError("status", "must be pending, delivered or failed")));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.validation(List.of(new Problems.FieldError("limit", "must be 1 to " + MAX_LIMIT)));
        }
        requireTenant(tenantId);
        return new DeliveryList(tenantId, wanted, deliveries.list(tenantId, wanted, limit));
    }

    @PostMapping("/webhook-deliveries/{deliveryId}/replay")
    Deliveries.Delivery replay(@PathVariable String tenantId, @PathVariable String deliveryId) {
        UUID id = parse(deliveryId);
        Deliveries.Delivery before = deliveries.find(tenantId, id).orElseThrow(CallbackAdminController::notFound);
        if (!"FAILED".equals(before.status())) {
            throw Problems.exception(HttpStatus.CONFLICT, Problems.DELIVERY_NOT_FAILED, "Delivery not failed",
                    "Only a failed delivery can be replayed; this one is " + before.status() + ".");
        }
        return deliveries.replay(tenantId, id).orElseThrow(CallbackAdminController::notFound);
    }

    @PostMapping("/webhook-secret/rotation")
    ResponseEntity<SigningSecrets.Rotation> rotate(@PathVariable String tenantId,
            @RequestBody(required = false) RotationRequest request) {
        Duration overlap = properties.rotationOverlap();
        if (request != null && request.overlap() != null) {
            try {
                overlap = Duration.parse(request.overlap());
            } catch (DateTimeParseException e) {
                overlap = null;
            }
            if (overlap == null || overlap.isNegative() || overlap.compareTo(Duration.ofDays(30)) > 0) {
                throw Problems.validation(List.of(new Problems.FieldError("overlap",
                        "must be an ISO-8601 duration from PT0S to P30D")));
            }
        }
        Duration window = overlap;
        SigningSecrets.Rotation rotation = transactions.call(tenantId, () -> {
            if (tenants.callbackUrl(tenantId).isEmpty()) {
                throw notFound();
            }
            return secrets.rotate(tenantId, window);
        });
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenantId + "/webhook-secret"))
                .cacheControl(CacheControl.noStore()).body(rotation);
    }

    private void requireTenant(String tenantId) {
        if (transactions.call(tenantId, () -> tenants.callbackUrl(tenantId)).isEmpty()) {
            throw notFound();
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static org.springframework.web.ErrorResponseException notFound() {
        return Problems.exception(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                "No such tenant or delivery.");
    }
}
