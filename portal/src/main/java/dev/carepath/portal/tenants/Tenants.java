package dev.carepath.portal.tenants;

import dev.carepath.contracts.events.data.TenantMerchantChanged;
import dev.carepath.contracts.events.data.TenantProvisioned;
import dev.carepath.eventing.Outbox;
import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Provisioning tenants and reading their entitlements. */
@Service
public class Tenants {

    static final String SCHEMA = "tenants";

    /** The cross-tenant purpose of staff's tenant list (policy in db/tenants/V17_1). */
    static final String TENANT_ADMIN = "tenant-admin";

    /** A tenant as the admin API shows it. */
    public record TenantView(String tenantId, String name, String processor, String merchantAccount, String callbackUrl,
            List<TenantRequest.Entitlement> entitlements, String plan) {
    }

    private final TenantTransactions transactions;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    Tenants(TenantTransactions transactions, JdbcTemplate jdbc, Outbox outbox) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Whether {@code tenantId} may offer {@code therapy} in {@code stateCode}. Reads the table on every
     * call, so an entitlement change applies to the next request. Call it inside the tenant's transaction.
     */
    public boolean entitles(String tenantId, String therapy, String stateCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM tenants.entitlement"
                        + " WHERE tenant_id = ? AND therapy = ? AND state_code = ?)",
                Boolean.class, tenantId, therapy, stateCode));
    }

    /**
     * The tenant's plan ({@link TenantRequest#PLANS}), which each new order carries to pharmacy routing as its
     * {@code costTier}; the default plan when there is no such tenant. Call it inside the tenant's transaction.
     */
    public String plan(String tenantId) {
        return jdbc.queryForList("SELECT plan FROM tenants.tenant WHERE tenant_id = ?", String.class, tenantId)
                .stream().findFirst().orElse(TenantRequest.DEFAULT_PLAN);
    }

    /**
     * The tenant's callback URL, where its signed webhooks go; empty when there is no such tenant. Call it inside
     * the tenant's transaction.
     */
    public Optional<String> callbackUrl(String tenantId) {
        return jdbc.queryForList("SELECT callback_url FROM tenants.tenant WHERE tenant_id = ?", String.class, tenantId)
                .stream().findFirst();
    }

    /**
     * Stores the tenant and its entitlements with {@code tenant.provisioned}, in one transaction.
     *
     * @throws org.springframework.web.ErrorResponseException 409 when the tenant exists already
     */
    public TenantView provision(TenantRequest request) {
        return transactions.call(request.tenantId(), () -> {
            int inserted = jdbc.update("INSERT INTO tenants.tenant (tenant_id, name, processor, merchant_account,"
                            + " callback_url, plan) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING",
                    request.tenantId(), request.name(), request.processor(), request.merchantAccount(),
                    request.callbackUrl(), request.plan());
            if (inserted == 0) {
                throw Problems.exception(HttpStatus.CONFLICT, Problems.TENANT_EXISTS, "Tenant exists",
                        "A tenant with this id is provisioned already.");
            }
            storeEntitlements(request.tenantId(), request.entitlements());
            // The messaging is for the notifications service (job-workers), which keeps it; the portal stores none of it.
            outbox.append(SCHEMA, request.tenantId(), request.tenantId(), new TenantProvisioned(request.tenantId(),
                    request.name(), request.processor(), request.merchantAccount(), request.callbackUrl(),
                    request.plan(), request.entitlements().stream()
                            .map(e -> new TenantProvisioned.Entitlement(e.therapy(), e.states())).toList(),
                    request.messaging() == null ? null : messagingData(request.messaging())));
            return new TenantView(request.tenantId(), request.name(), request.processor(), request.merchantAccount(),
                    request.callbackUrl(), request.entitlements(), request.plan());
        });
    }

    /** The event's {@code messaging}: the parts given, none of the absent ones. */
    private static TenantProvisioned.Messaging messagingData(TenantRequest.Messaging messaging) {
        return new TenantProvisioned.Messaging(messaging.sender(), messaging.supportContact(),
                messaging.quietHours() == null ? null
                        : new TenantProvisioned.QuietHours(messaging.quietHours().start(), messaging.quietHours().end()),
                messaging.templates() == null ? null : messaging.templates().stream()
                        .map(template -> new TenantProvisioned.Template(template.templateId(), template.subject(),
                                template.body()))
                        .toList());
    }

    /** Replaces the tenant's entitlements; the next journey request sees them. */
    public Optional<TenantView> replaceEntitlements(String tenantId, List<TenantRequest.Entitlement> entitlements) {
        return transactions.call(tenantId, () -> {
            if (findIn(tenantId).isEmpty()) {
                return Optional.empty();
            }
            jdbc.update("DELETE FROM tenants.entitlement WHERE tenant_id = ?", tenantId);
            storeEntitlements(tenantId, entitlements);
            jdbc.update("UPDATE tenants.tenant SET updated_at = now() WHERE tenant_id = ?", tenantId);
            return findIn(tenantId);
        });
    }

    /**
     * Moves the tenant to another processor or merchant account, with {@code tenant.merchant-changed}, in one
     * transaction. The job-workers charge the tenant's next cycle there; a cycle charged before is refunded where it
     * was charged. Setting what the tenant has already publishes the event again: that is how the workers learn the
     * merchant of a tenant provisioned before they kept tenants' merchants (docs/operations.md).
     */
    public Optional<TenantView> replaceMerchant(String tenantId, TenantRequest.Merchant merchant) {
        return transactions.call(tenantId, () -> {
            int changed = jdbc.update("UPDATE tenants.tenant SET processor = ?, merchant_account = ?, updated_at = now()"
                    + " WHERE tenant_id = ?", merchant.processor(), merchant.merchantAccount(), tenantId);
            if (changed == 1) {
                outbox.append(SCHEMA, tenantId, tenantId,
                        new TenantMerchantChanged(tenantId, merchant.processor(), merchant.merchantAccount()));
            }
            return findIn(tenantId);
        });
    }

    public Optional<TenantView> find(String tenantId) {
        return transactions.call(tenantId, () -> findIn(tenantId));
    }

    /** A tenant in staff's list. */
    public record TenantSummary(String tenantId, String name, String callbackUrl, OffsetDateTime createdAt) {
    }

    /** Every tenant, by id, for platform staff (declares the purpose {@value #TENANT_ADMIN}). */
    public List<TenantSummary> list() {
        return transactions.acrossTenants(TENANT_ADMIN, () -> jdbc.query("SELECT tenant_id, name, callback_url,"
                + " created_at FROM tenants.tenant ORDER BY tenant_id", (rs, i) -> new TenantSummary(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))));
    }

    /** Whether the tenant exists; call inside its transaction. */
    boolean exists(String tenantId) {
        return findIn(tenantId).isPresent();
    }

    private Optional<TenantView> findIn(String tenantId) {
        return jdbc.query("SELECT tenant_id, name, processor, merchant_account, callback_url, plan FROM tenants.tenant"
                        + " WHERE tenant_id = ?",
                (rs, i) -> new TenantView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), entitlementsOf(tenantId), rs.getString(6)),
                tenantId).stream().findFirst();
    }

    private List<TenantRequest.Entitlement> entitlementsOf(String tenantId) {
        Map<String, List<String>> byTherapy = new LinkedHashMap<>();
        jdbc.query("SELECT therapy, state_code FROM tenants.entitlement WHERE tenant_id = ?"
                        + " ORDER BY therapy, state_code",
                rs -> {
                    byTherapy.computeIfAbsent(rs.getString(1), t -> new java.util.ArrayList<>()).add(rs.getString(2));
                }, tenantId);
        return byTherapy.entrySet().stream()
                .map(e -> new TenantRequest.Entitlement(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private void storeEntitlements(String tenantId, List<TenantRequest.Entitlement> entitlements) {
        for (TenantRequest.Entitlement entitlement : entitlements) {
            for (String state : entitlement.states()) {
                jdbc.update("INSERT INTO tenants.entitlement (tenant_id, therapy, state_code) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", tenantId, entitlement.therapy(), state);
            }
        }
    }
}
