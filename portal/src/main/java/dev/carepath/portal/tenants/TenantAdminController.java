package dev.carepath.portal.tenants;

import dev.carepath.portal.api.TenantsApi;
import dev.carepath.portal.api.model.ClientCreatedDto;
import dev.carepath.portal.api.model.ClientRequestDto;
import dev.carepath.portal.api.model.EntitlementDto;
import dev.carepath.portal.api.model.EntitlementsRequestDto;
import dev.carepath.portal.api.model.MerchantRequestDto;
import dev.carepath.portal.api.model.QuietHoursDto;
import dev.carepath.portal.api.model.TenantDto;
import dev.carepath.portal.api.model.TenantMessagingDto;
import dev.carepath.portal.api.model.TenantRequestDto;
import dev.carepath.portal.web.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform staff's API for tenants (scope {@code admin}):
 * <ul>
 *   <li>{@code POST /v1/admin/tenants}: 201 with the tenant; 409 {@code tenant-exists}; 400 {@code validation}.</li>
 *   <li>{@code GET /v1/admin/tenants/{id}}: 200 or 404.</li>
 *   <li>{@code PUT /v1/admin/tenants/{id}/entitlements}: 200 with the tenant; applies to the next request.</li>
 *   <li>{@code PUT /v1/admin/tenants/{id}/merchant} {@code {"processor", "merchantAccount"}}: 200 with the tenant;
 *       applies from the tenant's next charged cycle.</li>
 *   <li>{@code POST /v1/admin/tenants/{id}/clients} {@code {"name", "scopes"}}: 201 with {@code clientId} and
 *       {@code clientSecret} (shown this once).</li>
 *   <li>{@code DELETE /v1/admin/tenants/{id}/clients/{clientId}}: 204; the client is refused from its next request.</li>
 * </ul>
 */
@RestController
class TenantAdminController implements TenantsApi {

    private static final Logger log = LoggerFactory.getLogger(TenantAdminController.class);

    private final Tenants tenants;
    private final MachineClients clients;
    private final Validator validator;

    TenantAdminController(Tenants tenants, MachineClients clients, Validator validator) {
        this.tenants = tenants;
        this.clients = clients;
        this.validator = validator;
    }

    @Override
    public ResponseEntity<TenantDto> provisionTenant(TenantRequestDto body) {
        TenantRequest request = new TenantRequest(body.getTenantId(), body.getName(),
                body.getProcessor() == null ? TenantRequest.DEFAULT_PROCESSOR : body.getProcessor().getValue(),
                body.getMerchantAccount(), body.getCallbackUrl(), entitlementsOf(body.getEntitlements()),
                body.getPlan() == null ? TenantRequest.DEFAULT_PLAN : body.getPlan().getValue(),
                messagingOf(body.getMessaging()));
        validate(request);
        Tenants.TenantView tenant = tenants.provision(request);
        log.info("tenant {} provisioned", tenant.tenantId());
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenant.tenantId())).body(dtoOf(tenant));
    }

    @Override
    public ResponseEntity<TenantDto> getTenant(String tenantId) {
        return ResponseEntity.ok(dtoOf(tenants.find(tenantId)
                .orElseThrow(() -> Problems.notFound("There is no tenant with this id."))));
    }

    @Override
    public ResponseEntity<TenantDto> replaceEntitlements(String tenantId, EntitlementsRequestDto body) {
        TenantRequest.Entitlements request = new TenantRequest.Entitlements(entitlementsOf(body.getEntitlements()));
        validate(request);
        Tenants.TenantView tenant = tenants.replaceEntitlements(tenantId, request.entitlements())
                .orElseThrow(() -> Problems.notFound("There is no tenant with this id."));
        log.info("tenant {} entitlements replaced", tenantId);
        return ResponseEntity.ok(dtoOf(tenant));
    }

    @Override
    public ResponseEntity<TenantDto> replaceMerchant(String tenantId, MerchantRequestDto body) {
        TenantRequest.Merchant request = new TenantRequest.Merchant(
                body.getProcessor() == null ? null : body.getProcessor().getValue(), body.getMerchantAccount());
        validate(request);
        Tenants.TenantView tenant = tenants.replaceMerchant(tenantId, request)
                .orElseThrow(() -> Problems.notFound("There is no tenant with this id."));
        log.info("tenant {} charges its next cycles at {}", tenantId, tenant.processor());
        return ResponseEntity.ok(dtoOf(tenant));
    }

    @Override
    public ResponseEntity<ClientCreatedDto> createClient(String tenantId, ClientRequestDto request) {
        if (request.getName() == null || request.getName().isBlank() || request.getName().length() > 200) {
            throw Problems.validation("name", "must be 1-200 characters");
        }
        MachineClients.checkScopes(request.getScopes());
        MachineClients.Created created = clients.create(tenantId, request.getName(), request.getScopes());
        log.info("client {} of tenant {} created with scopes {}", created.clientId(), tenantId, created.scopes());
        return ResponseEntity.created(URI.create("/v1/admin/tenants/" + tenantId + "/clients/" + created.clientId()))
                .body(new ClientCreatedDto(created.clientId(), created.clientSecret(), created.tenantId(),
                        created.scopes()));
    }

    /** A null element stays null, so validation names it ({@code entitlements[0]}) rather than its fields. */
    private static List<TenantRequest.Entitlement> entitlementsOf(List<EntitlementDto> entitlements) {
        return entitlements == null ? null : entitlements.stream()
                .map(e -> e == null ? null : new TenantRequest.Entitlement(e.getTherapy(), e.getStates()))
                .toList();
    }

    private static TenantDto dtoOf(Tenants.TenantView tenant) {
        return new TenantDto(tenant.tenantId(), tenant.name(), tenant.processor(), tenant.merchantAccount(),
                tenant.callbackUrl(),
                tenant.entitlements().stream().map(e -> new EntitlementDto(e.therapy(), e.states())).toList())
                .plan(tenant.plan());
    }

    @Override
    public ResponseEntity<Void> revokeClient(String tenantId, String clientId) {
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

    private static TenantRequest.Messaging messagingOf(TenantMessagingDto messaging) {
        if (messaging == null) {
            return null;
        }
        QuietHoursDto quiet = messaging.getQuietHours();
        return new TenantRequest.Messaging(messaging.getSender(), messaging.getSupportContact(),
                quiet == null ? null : new TenantRequest.QuietHours(quiet.getStart(), quiet.getEnd()),
                messaging.getTemplates() == null ? null : messaging.getTemplates().stream()
                        .map(t -> t == null ? null : new TenantRequest.Template(t.getTemplateId(), t.getSubject(),
                                t.getBody()))
                        .toList());
    }
}
