package dev.carepath.workers.architecture.planted.refunds;

import dev.carepath.workers.architecture.planted.payments.RefundsThroughCharges;

/** Planted: the other end of the payments-refunds circle (breaks capabilitiesAreFreeOfCycles). */
public class Refunds {

    public void undo(RefundsThroughCharges charges) {
    }
}
