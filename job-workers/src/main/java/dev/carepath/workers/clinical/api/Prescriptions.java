package dev.carepath.workers.clinical.api;

import java.util.Optional;

/** The prescriptions the clinical store recorded, as other capabilities may read them. */
public interface Prescriptions {

    /** The prescription {@code rxId} of the tenant, for transmission to the pharmacy (an audited read). */
    Prescription forTransmission(String tenantId, String rxId);

    /**
     * The order cycle in which the tenant's Rx {@code rxId} was written, if there is one: a routing fact, not
     * PHI, so the read is not an audited one. Notifications use it to place a pharmacy event about that Rx in its
     * cycle.
     */
    Optional<Integer> cycleOf(String tenantId, String rxId);
}
