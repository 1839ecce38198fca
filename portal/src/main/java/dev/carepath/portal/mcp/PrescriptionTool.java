package dev.carepath.portal.mcp;

import dev.carepath.portal.clinical.Prescriptions;
import org.springframework.stereotype.Component;

/**
 * {@code get_prescription}: what {@code GET /v1/journeys/{id}/prescription?purpose=} does, through the same
 * {@link Prescriptions} call, so the read is audited the same way ({@code clinical.phi-accessed} with the agent's
 * client id and the purpose). The answer is PHI: it is neither logged nor kept here.
 */
@Component
class PrescriptionTool {

    static final String SCOPE = "phi:read";

    /** {@code get_prescription}'s arguments. */
    record PrescriptionArguments(String journeyId, String purpose) {
    }

    private final Prescriptions prescriptions;

    PrescriptionTool(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    Prescriptions.PrescriptionView read(Caller caller, Arguments arguments) {
        PrescriptionArguments read = arguments.as(PrescriptionArguments.class);
        return prescriptions.latest(caller.tenant(), Arguments.required("journeyId", read.journeyId()),
                caller.clientId(), read.purpose());
    }
}
