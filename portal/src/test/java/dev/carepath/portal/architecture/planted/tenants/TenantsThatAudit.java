package dev.carepath.portal.architecture.planted.tenants;

import dev.carepath.portal.architecture.planted.audit.TrailOfTenants;

/** Planted: the other end of the audit-tenants circle (breaks capabilitiesAreFreeOfCycles). */
public class TenantsThatAudit {

    public void create(TrailOfTenants trail) {
    }
}
