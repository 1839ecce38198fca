package dev.carepath.portal.clinical;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why an agent reads clinical data, as the audit trail records it ({@code clinical.phi-accessed}). The uses HIPAA
 * permits without the patient's authorization (45 CFR 164.506: treatment, payment, health care operations), and the
 * patient's own request for their record (45 CFR 164.524).
 */
enum Purpose {
    TREATMENT("treatment"),
    PAYMENT("payment"),
    OPERATIONS("operations"),
    PATIENT_REQUEST("patient-request");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<Purpose> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    static String codes() {
        return Arrays.stream(values()).map(Purpose::code).collect(Collectors.joining(", "));
    }
}
