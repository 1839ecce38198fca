package dev.carepath.portal.journeys;

import dev.carepath.portal.clinical.Intakes;
import dev.carepath.portal.web.Problems;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Starting a journey in one call, the REST API's {@code POST /v1/journeys} and the MCP server's {@code start_journey}
 * alike: validate the request (the inline intake as {@code intake.*}), store the order with its {@code order.created}
 * event ({@link Journeys}, idempotent per tenant and key), then hand the intake, if given, to the clinical store,
 * which seals it. The intake never reaches the order row, the events, the engine or the logs; the idempotency
 * fingerprint holds only its SHA-256.
 *
 * <p>The order is stored first, so the intake has a journey to belong to and no intake is stored for a request
 * that turns out to be a replay of another. When the clinical store cannot take the intake, the journey stays
 * stored and the caller gets {@link IntakePendingException} (REST: 503 {@code clinical-unavailable} with the
 * {@code journeyId} and a {@code Location}): repeating the same request with the same {@code Idempotency-Key}
 * finds that journey (no second one) and hands the intake over again; {@code PUT /v1/journeys/{id}/intake} works
 * too. Meanwhile the first cycle's eligibility evaluation waits (retrying) for the intake, as for a two-call start.
 */
@Service
public class JourneyStarts {

    /** The header that makes a start idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** What a start did: the journey, whether it was a replay, and what became of the intake. */
    public record Started(UUID journeyId, boolean replayed, IntakeDelivery intake) {
    }

    /** What became of the inline intake. */
    public enum IntakeDelivery {
        /** the request had none */
        NONE,
        /** the clinical store holds it (stored, or a repeat replaced it before eligibility was evaluated) */
        STORED,
        /**
         * a replay whose intake eligibility has already been evaluated on: the same intake (the fingerprint says so)
         * was taken earlier and stays as it was judged
         */
        ALREADY_EVALUATED
    }

    /**
     * The journey is stored but its intake could not be handed to the clinical store now. Repeat the request with
     * the same key (or PUT the intake) to hand it over.
     */
    public static class IntakePendingException extends ErrorResponseException {
        private final UUID journeyId;

        IntakePendingException(UUID journeyId) {
            super(HttpStatus.SERVICE_UNAVAILABLE, problem(journeyId), null);
            this.journeyId = journeyId;
            getHeaders().setLocation(URI.create("/v1/journeys/" + journeyId));
            getHeaders().set("Retry-After", "5");
        }

        public UUID journeyId() {
            return journeyId;
        }

        private static ProblemDetail problem(UUID journeyId) {
            ProblemDetail problem = Problems.detail(HttpStatus.SERVICE_UNAVAILABLE, Problems.CLINICAL_UNAVAILABLE,
                    "Clinical store unavailable", "The journey was created, but the clinical store cannot take its"
                            + " intake right now. Repeat this request with the same Idempotency-Key (it will not"
                            + " create a second journey), or PUT the intake to /v1/journeys/" + journeyId + "/intake.");
            problem.setProperty("journeyId", journeyId);
            return problem;
        }
    }

    private final Journeys journeys;
    private final Intakes intakes;
    private final Validator validator;

    JourneyStarts(Journeys journeys, Intakes intakes, Validator validator) {
        this.journeys = journeys;
        this.intakes = intakes;
        this.validator = validator;
    }

    /**
     * Starts (or finds, for a replay) the journey {@code request} asks for on behalf of {@code tenantId}, the token's
     * tenant, and hands its inline intake to the clinical store.
     *
     * @throws ErrorResponseException 400 {@code validation} (every invalid field and the key), 403
     *         {@code tenant-mismatch} / {@code not-entitled}, 422 {@code idempotency-key-reused}
     * @throws IntakePendingException 503 {@code clinical-unavailable}: the journey is stored, its intake is not
     */
    public Started start(String tenantId, StartJourneyRequest request, String idempotencyKey) {
        List<Problems.FieldError> errors = validate(request, idempotencyKey, validator);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        if (request.tenantId() != null && !tenantId.equals(request.tenantId())) {
            throw Problems.exception(HttpStatus.FORBIDDEN, Problems.TENANT_MISMATCH, "Tenant mismatch",
                    "tenantId, when given, must be the tenant of the token's client.");
        }
        Journeys.Started started = journeys.start(request.forTenant(tenantId), idempotencyKey);
        if (request.intake() == null) {
            return new Started(started.journeyId(), started.replayed(), IntakeDelivery.NONE);
        }
        Intakes.Outcome outcome;
        try {
            outcome = intakes.give(tenantId, started.journeyId(), request.intake());
        } catch (Intakes.ClinicalUnavailableException e) {
            throw new IntakePendingException(started.journeyId());
        }
        if (outcome == Intakes.Outcome.CLOSED && !started.replayed()) {
            throw new IllegalStateException("a new journey's intake was refused as already evaluated");
        }
        return new Started(started.journeyId(), started.replayed(),
                outcome == Intakes.Outcome.STORED ? IntakeDelivery.STORED : IntakeDelivery.ALREADY_EVALUATED);
    }

    /** Every problem with the request, body fields (by name) and the idempotency key, in a stable order. */
    static List<Problems.FieldError> validate(StartJourneyRequest request, String idempotencyKey,
            Validator validator) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            errors.add(new Problems.FieldError(IDEMPOTENCY_KEY, "header is required"));
        } else if (!KEY.matcher(idempotencyKey).matches()) {
            errors.add(new Problems.FieldError(IDEMPOTENCY_KEY,
                    "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'"));
        }
        errors.addAll(Intakes.fieldErrors(validator.validate(request), ""));
        return errors;
    }
}
