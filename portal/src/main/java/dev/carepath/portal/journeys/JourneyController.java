package dev.carepath.portal.journeys;

import dev.carepath.portal.security.Agents;
import dev.carepath.portal.web.Problems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent API for journeys.
 * <ul>
 *   <li>Every call needs a bearer token of a tenant's client ({@code journeys:write} to start,
 *       {@code journeys:read} to read); the tenant is the token's.</li>
 *   <li>{@code POST /v1/journeys} with header {@code Idempotency-Key}: 202 with the journey id; the same
 *       key and body again: 202 with the same id; the same key with another body: 422
 *       {@code idempotency-key-reused}; invalid input (including an unknown therapy or state, and a
 *       missing or malformed key): 400 {@code validation} with an {@code errors} list; unparsable JSON:
 *       400 {@code malformed-request}; a card number anywhere: 400 {@code card-data-refused}; a body
 *       {@code tenantId} (optional: the token names the tenant) other than the token's tenant: 403
 *       {@code tenant-mismatch}; a therapy the tenant is not entitled to offer in that state: 403
 *       {@code not-entitled}.</li>
 *   <li>{@code GET /v1/journeys/{id}}: 200 with status, partner ids and timeline; 404 {@code not-found}
 *       for an unknown (or malformed) id and for another tenant's journey.</li>
 *   <li>{@code POST /v1/journeys/{id}/cancellation} ({@code journeys:write}): 202 with
 *       {@code CANCEL_REQUESTED} and the time of the request; a repeat answers the same and publishes
 *       nothing new; 404 {@code not-found} as for reading; 409 {@code journey-ended} for a journey that has
 *       already ended.</li>
 * </ul>
 */
@RestController
@RequestMapping("/v1/journeys")
class JourneyController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CANCEL_REQUESTED = "CANCEL_REQUESTED";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(JourneyController.class);

    private final Journeys journeys;
    private final Validator validator;

    JourneyController(Journeys journeys, Validator validator) {
        this.journeys = journeys;
        this.validator = validator;
    }

    record Accepted(UUID journeyId, String status) {
    }

    @PostMapping
    ResponseEntity<Accepted> start(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody StartJourneyRequest request, @AuthenticationPrincipal Jwt token) {
        long started = System.nanoTime();
        String tenant = Agents.tenantOf(token);
        List<Problems.FieldError> errors = validate(request, idempotencyKey, validator);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        if (request.tenantId() != null && !tenant.equals(request.tenantId())) {
            throw Problems.exception(HttpStatus.FORBIDDEN, Problems.TENANT_MISMATCH, "Tenant mismatch",
                    "tenantId, when given, must be the tenant of the token's client.");
        }
        MDC.put("tenantId", tenant);
        try {
            Journeys.Started result = journeys.start(request.forTenant(tenant), idempotencyKey);
            MDC.put("journeyId", result.journeyId().toString());
            log.info("{} journey in {} ms", result.replayed() ? "replayed" : "received",
                    (System.nanoTime() - started) / 1_000_000);
            return ResponseEntity.accepted()
                    .location(URI.create("/v1/journeys/" + result.journeyId()))
                    .header("Idempotent-Replayed", Boolean.toString(result.replayed()))
                    .body(new Accepted(result.journeyId(), Journeys.RECEIVED));
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
        }
    }

    @GetMapping("/{id}")
    JourneyView get(@PathVariable("id") String id, @AuthenticationPrincipal Jwt token) {
        String tenant = Agents.tenantOf(token);
        return Journeys.parseId(id).flatMap(journey -> journeys.view(tenant, journey))
                .orElseThrow(() -> Problems.notFound("There is no journey with this id."));
    }

    record CancelAccepted(UUID journeyId, String status, OffsetDateTime requestedAt) {
    }

    /**
     * An agent's cancel request: 202 once recorded (the engine cancels the running cycle when the
     * {@code order.cancel-requested} event reaches it), the same answer for a repeat.
     */
    @PostMapping("/{id}/cancellation")
    ResponseEntity<CancelAccepted> cancel(@PathVariable("id") String id, @AuthenticationPrincipal Jwt token) {
        String tenant = Agents.tenantOf(token);
        Journeys.Cancelled result = Journeys.parseId(id)
                .flatMap(journey -> journeys.cancel(tenant, journey, token.getSubject()))
                .orElseThrow(() -> Problems.notFound("There is no journey with this id."));
        MDC.put("tenantId", tenant);
        MDC.put("journeyId", result.journeyId().toString());
        try {
            log.info("{} cancel request", result.replayed() ? "replayed" : "received");
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
        }
        return ResponseEntity.accepted()
                .location(URI.create("/v1/journeys/" + result.journeyId()))
                .header("Idempotent-Replayed", Boolean.toString(result.replayed()))
                .body(new CancelAccepted(result.journeyId(), CANCEL_REQUESTED, result.requestedAt()));
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
        validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<StartJourneyRequest> v) ->
                        v.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> errors.add(new Problems.FieldError(v.getPropertyPath().toString(), v.getMessage())));
        return errors;
    }
}
