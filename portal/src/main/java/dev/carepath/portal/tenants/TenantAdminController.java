package dev.carepath.portal.tenants;

import dev.carepath.portal.web.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform staff's API for tenants (scope {@code admin}):
 * <ul>
 *   <li>{@code POST /v1/admin/tenants}: 201 with the tenant; 409 {@code tenant-exists}; 400 {@code validation}.</li>
 *   <li>{@code GET /v1/admin/tenants/{id}}: 200 or 404.</li>
 *   <li>{@code PUT /v1/admin/tenants/{id}/entitlements}: 200 with the tenant; applies to the next request.</li>
 *   <li>{@code POST /v1/admin/tenants/{id}/clients} {@code {"name", "scopes"}}: 201 with {@code clientId} and
 *       {@code clientSecret} (shown this once).</li>
 *   <li>{@code DELETE /v1/admin/tenants/{id}/clients/{clientId}}: 204; the client is refused from its next request.</li>
 * </ul>
 */
@RestController
@RequestMapping("/v1/admin/tenants")
class TenantAdminController {

    private static final Logger log = LoggerFactory.getLogger(TenantAdminController.class);

    private final Tenants tenants;
    private final MachineClients clients;
    private final Validator validator;

    TenantAdminController(Tenants tenants, MachineClients clients, Validator validator) {
        this.tenants = tenants;
        this.clients = clients;
        this.validator = validator;
    }

    record ClientRequest(String name, List<String> scopes) {
    }

    @PostMapping
    ResponseEntity<Tenants.TenantView> provision(@RequestBody TenantRequest request) {
        validate(request);
        Tenants.TenantView tenant = tenants.provision(request);
        log.info("tenant {} provisioned", tenant.tenantId());
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenant.tenantId())).body(tenant);
    }

    @GetMapping("/{tenantId}")
    Tenants.TenantView get(@PathVariable("tenantId") String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> Problems.notFound("There is no tenant with this id."));
    }

    @PutMapping("/{tenantId}/entitlements")
    Tenants.TenantView entitlements(@PathVariable("tenantId") String tenantId,
            @RequestBody TenantRequest.Entitlements request) {
        validate(request);
        Tenants.TenantView tenant = tenants.replaceEntitlements(tenantId, request.entitlements())
                .orElseThrow(() -> Problems.notFound("There is no tenant with this id."));
        log.info("tenant {} entitlements replaced", tenantId);
        return tenant;
    }

    @PostMapping("/{tenantId}/clients")
    ResponseEntity<MachineClients.Created> createClient(@PathVariable("tenantId") String tenantId,
            @RequestBody ClientRequest request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw Problems.validation("name", "must be 1-200 characters");
        }
        MachineClients.checkScopes(request.scopes());
        MachineClients.Created created = clients.create(tenantId, request.name(), request.scopes());
        log.info("client {} of tenant {} created with scopes {}", created.clientId(), tenantId, created.scopes());
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenantId + "/clients/" + created.clientId()))
                .body(created);
    }

    @DeleteMapping("/{tenantId}/clients/{clientId}")
    ResponseEntity<Void> revokeClient(@PathVariable("tenantId") String tenantId,
            @PathVariable("clientId") String clientId) {
        if (!clients.revoke(tenantId, clientId)) {
            throw MachineClients.unknownClient();
        }
        log.info("client {} of tenant {} revoked", clientId, tenantId);
        return ResponseEntity.noContent().build();
    }

    private <T> void validate(T request) {
        List<Problems.FieldError> errors = validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(v -> new Problems.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
    }
}
