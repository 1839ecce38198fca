package dev.carepath.connectors.erx;

import dev.carepath.connectors.partner.PartnerRejectedException;

/**
 * The e-prescribing route to pharmacies. A pharmacy that refuses the prescription throws
 * {@link PartnerRejectedException} with code {@value #ERX_REJECTED}; one that refuses to cancel it, code
 * {@value #CANCEL_DENIED}.
 */
public interface ErxNetwork {

    /** The pharmacy refused the prescription; the reason says why, e.g. {@code invalid_prescriber_npi}. */
    String ERX_REJECTED = "ERX_REJECTED";

    /**
     * The pharmacy refused to cancel the prescription; the reason says why: {@code already_dispensed} (it is
     * filled, and may be on its way) or {@code unknown_prescription} (it never accepted that Rx).
     */
    String CANCEL_DENIED = "CANCEL_DENIED";

    /** The pharmacy cannot ship the prescription again, e.g. {@code unknown_prescription}. */
    String RESHIP_REFUSED = "RESHIP_REFUSED";

    /** Sends a NewRx. messageId = our Rx id: resubmitting the same messageId must not create a second prescription. */
    ErxReceipt submitNewRx(NewRx newRx);

    /**
     * Sends a CancelRx for a prescription the pharmacy has not dispensed yet; once cancelled, it is neither
     * dispensed nor shipped. Resending the same messageId gets the same answer, a denial included.
     */
    ErxCancellation cancelRx(CancelRx request);

    /**
     * Asks the pharmacy to ship an accepted prescription again (its parcel was lost or damaged). Resending the
     * same messageId ships once; answers the pharmacy's status.
     */
    String reship(Reship request);
}
