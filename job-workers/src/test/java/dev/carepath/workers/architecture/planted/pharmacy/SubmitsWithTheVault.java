package dev.carepath.workers.architecture.planted.pharmacy;

import dev.carepath.workers.architecture.planted.clinical.PhiVault;

/** Planted: another capability calling a clinical internal (breaks clinicalIsReachedOnlyThroughItsApi). */
class SubmitsWithTheVault {

    String submit(PhiVault vault, String orderId) {
        return vault.open(orderId);
    }
}
