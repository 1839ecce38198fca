package dev.carepath.connectors.telehealth;

import dev.carepath.connectors.partner.PartnerRejectedException;

/**
 * A telehealth provider network, seen from carepath. When the network has no provider licensed in the
 * patient's state (or does not offer the therapy) scheduling throws {@link PartnerRejectedException} with code
 * {@value #NO_LICENSED_PROVIDER}.
 */
public interface TelehealthNetwork {

    /** No provider in this network may see this patient for this therapy; the reason says why. */
    String NO_LICENSED_PROVIDER = "NO_LICENSED_PROVIDER";

    /** Books a visit; the same idempotencyKey always yields the same visit. */
    VisitBooking scheduleVisit(VisitRequest request);

    /**
     * The prescription written at a completed visit. Throws {@link PartnerRejectedException} with code
     * {@link PartnerRejectedException#NOT_FOUND} while there is none (visit not completed, or not prescribed).
     */
    PrescriptionDetails fetchPrescription(String network, String visitId);

    /**
     * Holds a follow-up visit of a later cycle (a check-in with the prescriber on the current dose); the same
     * idempotencyKey always yields the same follow-up. Answers whether the patient tolerates the dose.
     */
    FollowUpFinding holdFollowUp(FollowUpRequest request);
}
