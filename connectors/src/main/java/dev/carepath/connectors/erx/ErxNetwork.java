package dev.carepath.connectors.erx;

import dev.carepath.connectors.partner.PartnerRejectedException;

/**
 * The e-prescribing route to pharmacies. A pharmacy that refuses the prescription throws
 * {@link PartnerRejectedException} with code {@value #ERX_REJECTED}.
 */
public interface ErxNetwork {

    /** The pharmacy refused the prescription; the reason says why, e.g. {@code invalid_prescriber_npi}. */
    String ERX_REJECTED = "ERX_REJECTED";

    /** Sends a NewRx. messageId = our Rx id: resubmitting the same messageId must not create a second prescription. */
    ErxReceipt submitNewRx(NewRx newRx);
}
