package dev.carepath.engine.security;

import org.operaton.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Engine tenants. Operaton shows tenant-bound instances, tasks and history to an authenticated user
 * only through a tenant membership, so every tenant whose journeys run here gets an engine tenant with
 * the workers' group and the staff groups as members. Staff users (Cockpit, Tasklist, engine REST) are
 * limited to the tenants they are admitted to ({@link #admitStaff}); only the engine's admin group sees
 * every tenant. Runs in the caller's transaction.
 */
@Component
public class EngineTenants {

    private final IdentityService identity;

    EngineTenants(IdentityService identity) {
        this.identity = identity;
    }

    /** Makes sure {@code tenantId} exists in the engine and the workers may work on its tasks. */
    public void ensure(String tenantId) {
        if (identity.createTenantQuery().tenantId(tenantId).count() > 0) {
            return;
        }
        var tenant = identity.newTenant(tenantId);
        tenant.setName(tenantId);
        identity.saveTenant(tenant);
        identity.createTenantGroupMembership(tenantId, ServiceAccounts.WORKERS_GROUP);
        for (String staffGroup : StaffAccounts.GROUPS) {
            identity.createTenantGroupMembership(tenantId, staffGroup);
        }
    }

    /** Lets staff user {@code userId} see and work on {@code tenantId}'s journeys, and only those of its tenants. */
    public void admitStaff(String userId, String tenantId) {
        ensure(tenantId);
        if (identity.createTenantQuery().userMember(userId).tenantId(tenantId).count() == 0) {
            identity.createTenantUserMembership(tenantId, userId);
        }
    }
}
