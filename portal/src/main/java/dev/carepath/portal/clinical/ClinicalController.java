package dev.carepath.portal.clinical;

import dev.carepath.portal.api.ClinicalApi;
import dev.carepath.portal.api.model.IntakeAnswersDto;
import dev.carepath.portal.api.model.PrescriptionDto;
import dev.carepath.portal.journeys.Journeys;
import dev.carepath.portal.security.Agents;
import dev.carepath.portal.web.Problems;
import jakarta.validation.Validator;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent API's clinical endpoints; the tenant is the token's, and another tenant's journey is 404
 * {@code not-found} like an unknown one.
 * <ul>
 *   <li>{@code PUT /v1/journeys/{id}/intake} ({@code journeys:write}): the intake answers ({@link IntakeAnswers}),
 *       validated (400 {@code validation}, listing each field, never a value) and forwarded to the clinical store:
 *       204. A repeat replaces the intake until eligibility has been evaluated on it, then 409
 *       {@code intake-closed}.</li>
 *   <li>{@code GET /v1/journeys/{id}/prescription?purpose=} ({@code phi:read}): the journey's latest prescription,
 *       read from the clinical store for the agent's client id and the purpose ({@link Purpose}; missing or unknown:
 *       400 {@code validation}), which records the read; {@code Cache-Control: no-store}. None yet: 404
 *       {@code prescription-not-found}.</li>
 *   <li>The clinical store down, timing out or failing: 503 {@code clinical-unavailable}, nothing stored here.</li>
 * </ul>
 */
@RestController
class ClinicalController implements ClinicalApi {

    private static final Logger log = LoggerFactory.getLogger(ClinicalController.class);

    private final Journeys journeys;
    private final ClinicalStore clinical;
    private final Prescriptions prescriptions;
    private final Validator validator;

    ClinicalController(Journeys journeys, ClinicalStore clinical, Prescriptions prescriptions, Validator validator) {
        this.journeys = journeys;
        this.clinical = clinical;
        this.prescriptions = prescriptions;
        this.validator = validator;
    }

    @Override
    public ResponseEntity<Void> giveIntake(String id, IntakeAnswersDto body) {
        long started = System.nanoTime();
        String tenant = Agents.tenantOf(Agents.currentToken());
        IntakeAnswers answers = Intakes.answersOf(body);
        List<Problems.FieldError> errors = validate(answers, validator);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        UUID journey = journeyOf(tenant, id);
        ClinicalStore.IntakeOutcome outcome = clinical.putIntake(tenant, journey, answers);
        logged(tenant, journey, () -> log.info("intake {} in {} ms", outcome == ClinicalStore.IntakeOutcome.STORED
                ? "forwarded to the clinical store" : "refused: eligibility already evaluated",
                (System.nanoTime() - started) / 1_000_000));
        if (outcome == ClinicalStore.IntakeOutcome.CLOSED) {
            throw Problems.exception(HttpStatus.CONFLICT, Problems.INTAKE_CLOSED, "Intake closed",
                    "Eligibility has already been evaluated on the intake given earlier; it can no longer be replaced.");
        }
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<PrescriptionDto> getPrescription(String id, String purpose) {
        Jwt token = Agents.currentToken();
        Prescriptions.PrescriptionView rx = prescriptions.latest(Agents.tenantOf(token), id, token.getSubject(), purpose);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new PrescriptionDto(rx.journeyId(),
                rx.cycle(), rx.rxId(), rx.medication(), rx.doseMg(), rx.quantity(), rx.directions(), rx.prescriberNpi(),
                rx.recordedAt().atOffset(ZoneOffset.UTC)));
    }

    @ExceptionHandler(ClinicalStore.UnavailableException.class)
    ErrorResponseException clinicalUnavailable() {
        return Prescriptions.unavailable();
    }

    /** Every invalid answer (by field; a list element as {@code field[i]}), in a stable order, never its value. */
    static List<Problems.FieldError> validate(IntakeAnswers answers, Validator validator) {
        return Intakes.fieldErrors(validator.validate(answers), "");
    }

    private UUID journeyOf(String tenant, String id) {
        return journeys.journeyOf(tenant, id).orElseThrow(() -> Problems.notFound("There is no journey with this id."));
    }

    private static void logged(String tenant, UUID journey, Runnable line) {
        MDC.put("tenantId", tenant);
        MDC.put("journeyId", journey.toString());
        try {
            line.run();
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
        }
    }
}
