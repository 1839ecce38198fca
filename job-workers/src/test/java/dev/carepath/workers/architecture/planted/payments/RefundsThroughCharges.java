package dev.carepath.workers.architecture.planted.payments;

import dev.carepath.workers.architecture.planted.refunds.Refunds;

/** Planted: payments needing refunds, which needs payments back (breaks capabilitiesAreFreeOfCycles). */
public class RefundsThroughCharges {

    public void charge(Refunds refunds) {
        refunds.undo(this);
    }
}
