package dev.carepath.workers.architecture.planted.clinical;

/** Planted: a public internal of the clinical service (breaks clinicalInternalsArePackagePrivate). */
public class PhiVault {

    public String open(String orderId) {
        return orderId;
    }
}
