package dev.carepath.engine.security;

import java.util.List;
import java.util.stream.Stream;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Engine tenants. Operaton shows tenant-bound instances, tasks and history to an authenticated user
 * only through a tenant membership, so every tenant whose journeys run here gets an engine tenant with
 * the workers' group, the portal's staff-console group and the staff groups as members (what a member may do there is {@link EngineAuthorizations}').
 * The portal's account needs none: the decision tables it deploys and reads belong to no tenant. Staff users (Cockpit,
 * Tasklist, engine REST) are
 * limited to the tenants they are admitted to ({@link #admitStaff}); only the engine's admin group sees
 * every tenant. Runs in the caller's transaction.
 */
@Component
public class EngineTenants {

    /** The groups that are members of every tenant: the workers' and the staff groups. */
    private static final List<String> MEMBER_GROUPS = Stream.concat(
            Stream.of(ServiceAccounts.WORKERS_GROUP, ServiceAccounts.CONSOLE_GROUP), StaffAccounts.GROUPS.stream()).toList();

    private final IdentityService identity;
    private final VerifiedCredentials credentials;

    EngineTenants(IdentityService identity, VerifiedCredentials credentials) {
        this.identity = identity;
        this.credentials = credentials;
    }

    /** Makes sure {@code tenantId} exists in the engine and the workers may work on its tasks. */
    public void ensure(String tenantId) {
        if (identity.createTenantQuery().tenantId(tenantId).count() > 0) {
            return;
        }
        var tenant = identity.newTenant(tenantId);
        tenant.setName(tenantId);
        identity.saveTenant(tenant);
        admitGroups(tenantId);
    }

    /**
     * Makes the workers' group and every staff group members of every tenant the engine knows, so a group added in a
     * release (or a membership lost) reaches the tenants provisioned before it. Idempotent; run at start.
     */
    void admitGroupsToEveryTenant() {
        identity.createTenantQuery().list().forEach(tenant -> admitGroups(tenant.getId()));
    }

    private void admitGroups(String tenantId) {
        boolean admitted = false;
        for (String group : MEMBER_GROUPS) {
            if (identity.createTenantQuery().tenantId(tenantId).groupMember(group).count() == 0) {
                identity.createTenantGroupMembership(tenantId, group);
                admitted = true;
            }
        }
        if (admitted) {
            credentials.membershipsChanged();
        }
    }

    /** Lets staff user {@code userId} see and work on {@code tenantId}'s journeys, and only those of its tenants. */
    public void admitStaff(String userId, String tenantId) {
        ensure(tenantId);
        if (identity.createTenantQuery().userMember(userId).tenantId(tenantId).count() == 0) {
            identity.createTenantUserMembership(tenantId, userId);
            credentials.membershipsChanged();
        }
    }
}
