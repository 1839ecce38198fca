package dev.carepath.portal.architecture.planted.audit;

import dev.carepath.portal.architecture.planted.tenants.TenantsThatAudit;

/** Planted: audit needing tenants, which needs audit back (breaks capabilitiesAreFreeOfCycles). */
public class TrailOfTenants {

    public void record(TenantsThatAudit tenants) {
        tenants.create(this);
    }
}
