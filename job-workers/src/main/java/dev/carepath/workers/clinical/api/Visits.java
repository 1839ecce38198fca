package dev.carepath.workers.clinical.api;

import java.util.Optional;

/** The visits the clinical store booked, as other capabilities may read them: routing facts, not PHI. */
public interface Visits {

    /**
     * The state (USPS code) the patient was in for the order cycle's visit, or, for a cycle without one yet, for the
     * order's latest visit: the notifications' quiet hours are kept in that state's time zone.
     */
    Optional<String> stateOf(String tenantId, String orderId, int cycle);
}
