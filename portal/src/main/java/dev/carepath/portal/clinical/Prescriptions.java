package dev.carepath.portal.clinical;

import dev.carepath.portal.journeys.Journeys;
import dev.carepath.portal.web.Problems;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * This capability's API for the others: read a journey's latest prescription for an agent, as
 * {@code GET /v1/journeys/{id}/prescription} does (the REST endpoint and the MCP server's {@code get_prescription}
 * both come here). The clinical store opens the sealed details and records the read ({@code clinical.phi-accessed}:
 * the agent's client id and the purpose) in the same transaction; nothing is kept or logged here.
 */
@Service
public class Prescriptions {

    private static final Logger log = LoggerFactory.getLogger(Prescriptions.class);

    /** A journey's latest prescription (PHI): {@link #toString()} names no value. */
    public record PrescriptionView(UUID journeyId, int cycle, String rxId, String medication, String doseMg,
            int quantity, String directions, String prescriberNpi, Instant recordedAt) {

        static PrescriptionView of(UUID journeyId, ClinicalStore.Prescription rx) {
            return new PrescriptionView(journeyId, rx.cycle(), rx.rxId(), rx.medication(), rx.doseMg(), rx.quantity(),
                    rx.directions(), rx.prescriberNpi(), rx.recordedAt());
        }

        @Override
        public String toString() {
            return "PrescriptionView[journeyId=" + journeyId + ", cycle=" + cycle + ", <PHI redacted>]";
        }
    }

    private final Journeys journeys;
    private final ClinicalStore clinical;

    Prescriptions(Journeys journeys, ClinicalStore clinical) {
        this.journeys = journeys;
        this.clinical = clinical;
    }

    /**
     * The latest prescription of {@code tenantId}'s journey {@code journeyId}, opened for {@code purpose} on behalf of
     * the machine client {@code accessor}; the clinical store records the read.
     *
     * @throws ErrorResponseException 400 {@code validation} for a missing or unknown purpose; 404 {@code not-found}
     *         for an unknown (or malformed) id or another tenant's journey; 404 {@code prescription-not-found} when
     *         the journey has none yet; 503 {@code clinical-unavailable} when the clinical store cannot answer now
     */
    public PrescriptionView latest(String tenantId, String journeyId, String accessor, String purpose) {
        Purpose why = purposeOf(purpose);
        UUID journey = journeys.journeyOf(tenantId, journeyId)
                .orElseThrow(() -> Problems.notFound("There is no journey with this id."));
        ClinicalStore.Prescription rx;
        try {
            rx = clinical.latestPrescription(tenantId, journey, accessor, why)
                    .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, Problems.PRESCRIPTION_NOT_FOUND,
                            "Prescription not found", "This journey has no prescription yet."));
        } catch (ClinicalStore.UnavailableException e) {
            throw unavailable();
        }
        MDC.put("tenantId", tenantId);
        MDC.put("journeyId", journey.toString());
        try {
            log.info("prescription read for purpose {}", why.code());
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
        }
        return PrescriptionView.of(journey, rx);
    }

    /**
     * The intake answers of {@code tenantId}'s journey (field name to value), opened for {@code purpose} on behalf of
     * {@code accessor} (a staff member at the console: {@code console:<login>}); the clinical store records the read
     * as it records a prescription read ({@code clinical.phi-accessed}).
     *
     * @throws ErrorResponseException as {@link #latest}, and 404 {@code not-found} when the journey has no intake
     */
    public Map<String, Object> intake(String tenantId, UUID journeyId, String accessor, String purpose) {
        Purpose why = purposeOf(purpose);
        try {
            return clinical.intake(tenantId, journeyId, accessor, why)
                    .orElseThrow(() -> Problems.notFound("This journey has no intake."));
        } catch (ClinicalStore.UnavailableException e) {
            throw unavailable();
        }
    }

    /** The purposes a reader may state (their codes, e.g. {@code treatment}). */
    public static List<String> purposes() {
        return Arrays.stream(Purpose.values()).map(Purpose::code).toList();
    }

    /** 503 {@code clinical-unavailable}: the clinical store cannot be reached now; retrying is safe. */
    static ErrorResponseException unavailable() {
        return Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, Problems.CLINICAL_UNAVAILABLE,
                "Clinical store unavailable", "The clinical store cannot be reached right now; nothing was"
                        + " changed by this request here. It is safe to retry it.");
    }

    /** The purpose the caller names; missing or unknown: 400 {@code validation}. */
    private static Purpose purposeOf(String code) {
        if (code == null || code.isEmpty()) {
            throw Problems.validation("purpose", "is required: one of " + Purpose.codes());
        }
        return Purpose.fromCode(code)
                .orElseThrow(() -> Problems.validation("purpose", "must be one of: " + Purpose.codes()));
    }
}
