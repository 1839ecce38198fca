package dev.carepath.portal.clinical;

import dev.carepath.portal.api.model.IntakeAnswersDto;
import dev.carepath.portal.web.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * This capability's API for the others: validate an intake and hand it to the clinical store, where it is sealed.
 * The start of a journey with its intake inline ({@code dev.carepath.portal.journeys.JourneyStarts}) uses it; the
 * portal keeps nothing of the intake.
 */
@Service
public class Intakes {

    /** What became of an intake handed over. */
    public enum Outcome {
        /** stored, or replaced the earlier one */
        STORED,
        /** refused: eligibility was already evaluated on the intake on file, which stays */
        CLOSED
    }

    /**
     * The clinical store could not take the intake now (down, timed out, failed, or refused the portal's
     * credential); nothing of it was kept. The message names a status or an exception class, never a value.
     */
    public static class ClinicalUnavailableException extends RuntimeException {
        protected ClinicalUnavailableException(String reason) {
            super("the clinical store is unavailable: " + reason, null, false, false);
        }
    }

    private final ClinicalStore store;
    private final Validator validator;

    Intakes(ClinicalStore store, Validator validator) {
        this.store = store;
        this.validator = validator;
    }

    /** The contract's intake body as the answers this capability validates and hands over. */
    public static IntakeAnswers answersOf(IntakeAnswersDto body) {
        return new IntakeAnswers(body.getGivenName(), body.getFamilyName(), body.getDateOfBirth(), body.getAddress(),
                body.getEmail(), body.getHeightCm(), body.getWeightKg(), body.getComorbidities(),
                body.getContraindications(), body.getPhone(), body.getPushToken(), body.getChannels() == null ? null
                        : body.getChannels().stream().map(channel -> channel == null ? null : channel.getValue()).toList());
    }

    /**
     * Every invalid answer of {@code answers}, named {@code prefix + field} (a list element as {@code field[i]}), in a
     * stable order, never with its value.
     */
    public List<Problems.FieldError> validate(IntakeAnswers answers, String prefix) {
        return fieldErrors(validator.validate(answers), prefix);
    }

    /** The violations as field errors: {@code <list element>} nodes dropped, sorted, each once. */
    public static <T> List<Problems.FieldError> fieldErrors(Set<ConstraintViolation<T>> violations, String prefix) {
        return violations.stream()
                .map(v -> new Problems.FieldError(prefix + v.getPropertyPath().toString().replace(".<list element>", ""),
                        v.getMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field).thenComparing(Problems.FieldError::message))
                .distinct()
                .toList();
    }

    /**
     * Hands the (validated) intake of {@code tenantId}'s journey {@code journeyId} to the clinical store.
     *
     * @throws ClinicalUnavailableException when the clinical store cannot take it now; repeating is safe
     */
    public Outcome give(String tenantId, UUID journeyId, IntakeAnswers answers) {
        return store.putIntake(tenantId, journeyId, answers) == ClinicalStore.IntakeOutcome.STORED
                ? Outcome.STORED : Outcome.CLOSED;
    }
}
