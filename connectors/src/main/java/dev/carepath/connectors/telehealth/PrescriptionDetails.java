package dev.carepath.connectors.telehealth;

/**
 * The prescription a provider wrote at a visit. Clinical content: it belongs in the clinical store, never in
 * process variables or logs ({@link #toString()} shows only the references).
 */
public record PrescriptionDetails(String network, String visitId, String medication, String doseMg, int quantity,
                                  String directions, String prescriberNpi) {

    @Override
    public String toString() {
        return "PrescriptionDetails[network=" + network + ", visitId=" + visitId + ", <clinical details redacted>]";
    }
}
