package dev.carepath.portal.callbacks;

import dev.carepath.portal.api.CallbacksApi;
import dev.carepath.portal.api.model.SecretRotationDto;
import dev.carepath.portal.api.model.SecretRotationRequestDto;
import dev.carepath.portal.api.model.WebhookDeliveryDto;
import dev.carepath.portal.api.model.WebhookDeliveryListDto;
import dev.carepath.portal.tenants.Tenants;
import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
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
 * An unknown tenant or delivery is 404 {@code not-found}. The paths, parameters and bodies are the contract's
 * ({@link CallbacksApi}, generated from {@code contracts/src/main/resources/openapi.yaml}).
 */
@RestController
class CallbackAdminController implements CallbacksApi {

    private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED");
    private static final int MAX_LIMIT = 500;

    private final Deliveries deliveries;
    private final WebhookSecrets rotations;
    private final Tenants tenants;
    private final TenantTransactions transactions;

    CallbackAdminController(Deliveries deliveries, WebhookSecrets rotations, Tenants tenants,
            TenantTransactions transactions) {
        this.deliveries = deliveries;
        this.rotations = rotations;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    @Override
    public ResponseEntity<WebhookDeliveryListDto> listWebhookDeliveries(String tenantId, String status, Integer limit) {
        String wanted = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw Problems.validation(List.of(new Problems.FieldError("status", "must be pending, delivered or failed")));
        }
        if (limit == null || limit < 1 || limit > MAX_LIMIT) {
            throw Problems.validation(List.of(new Problems.FieldError("limit", "must be 1 to " + MAX_LIMIT)));
        }
        requireTenant(tenantId);
        return ResponseEntity.ok(new WebhookDeliveryListDto(tenantId,
                deliveries.list(tenantId, wanted, limit).stream().map(CallbackAdminController::dto).toList())
                .status(wanted));
    }

    @Override
    public ResponseEntity<WebhookDeliveryDto> replayWebhookDelivery(String tenantId, String deliveryId) {
        UUID id = parse(deliveryId);
        Deliveries.Delivery before = deliveries.find(tenantId, id).orElseThrow(CallbackAdminController::notFound);
        if (!"FAILED".equals(before.status())) {
            throw Problems.exception(HttpStatus.CONFLICT, Problems.DELIVERY_NOT_FAILED, "Delivery not failed",
                    "Only a failed delivery can be replayed; this one is " + before.status() + ".");
        }
        return ResponseEntity.ok(dto(deliveries.replay(tenantId, id).orElseThrow(CallbackAdminController::notFound)));
    }

    @Override
    public ResponseEntity<SecretRotationDto> rotateWebhookSecret(String tenantId, SecretRotationRequestDto request) {
        Duration overlap = rotations.defaultOverlap();
        if (request != null && request.getOverlap() != null) {
            try {
                overlap = Duration.parse(request.getOverlap());
            } catch (DateTimeParseException e) {
                overlap = null;
            }
            if (overlap == null || overlap.isNegative() || overlap.compareTo(Duration.ofDays(30)) > 0) {
                throw Problems.validation(List.of(new Problems.FieldError("overlap",
                        "must be an ISO-8601 duration from PT0S to P30D")));
            }
        }
        WebhookSecrets.Rotated rotation = rotations.rotate(tenantId, overlap)
                .orElseThrow(CallbackAdminController::notFound);
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenantId + "/webhook-secret"))
                .cacheControl(CacheControl.noStore())
                .body(new SecretRotationDto(rotation.tenantId(), rotation.secret(), rotation.createdAt(),
                        rotation.previousSecrets()).previousRetireAt(rotation.previousRetireAt()));
    }

    private static WebhookDeliveryDto dto(Deliveries.Delivery d) {
        return new WebhookDeliveryDto(d.deliveryId(), d.sequence(), d.tenantId(), d.journeyId(), d.eventId(), d.type(),
                WebhookDeliveryDto.StatusEnum.fromValue(d.status()), d.attempts(), d.createdAt(), d.payload())
                .nextAttemptAt(d.nextAttemptAt()).lastAttemptAt(d.lastAttemptAt()).lastStatusCode(d.lastStatusCode())
                .lastError(d.lastError()).deliveredAt(d.deliveredAt());
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
