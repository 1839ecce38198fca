package dev.carepath.portal.journeys;

import dev.carepath.portal.security.Agents;
import dev.carepath.portal.web.Problems;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
 *       {@code not-entitled}. An optional inline {@code intake} (the body of {@code PUT .../intake}) is validated
 *       as {@code intake.*} and handed to the clinical store after the order is stored ({@link JourneyStarts}); the
 *       clinical store down: 503 {@code clinical-unavailable} with the stored {@code journeyId}, and the same request
 *       again (same key) hands the intake over without a second journey.</li>
 *   <li>{@code GET /v1/journeys} ({@code journeys:read}): the tenant's journeys from the read model, filtered by
 *       {@code status}, {@code therapy}, {@code stateCode}, {@code patientReference}, {@code createdAfter},
 *       {@code createdBefore}, newest first, {@code limit} (1-100, 20) per page, {@code cursor} for the next
 *       ({@link JourneyListing}); a bad parameter: 400 {@code validation}.</li>
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

    static final String IDEMPOTENCY_KEY = JourneyStarts.IDEMPOTENCY_KEY;
    static final String CANCEL_REQUESTED = "CANCEL_REQUESTED";
    private static final Logger log = LoggerFactory.getLogger(JourneyController.class);

    private final Journeys journeys;
    private final JourneyStarts starts;
    private final JourneyListing listing;

    JourneyController(Journeys journeys, JourneyStarts starts, JourneyListing listing) {
        this.journeys = journeys;
        this.starts = starts;
        this.listing = listing;
    }

    record Accepted(UUID journeyId, String status) {
    }

    @PostMapping
    ResponseEntity<Accepted> start(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody StartJourneyRequest request, @AuthenticationPrincipal Jwt token) {
        long started = System.nanoTime();
        String tenant = Agents.tenantOf(token);
        MDC.put("tenantId", tenant);
        try {
            JourneyStarts.Started result = starts.start(tenant, request, idempotencyKey);
            MDC.put("journeyId", result.journeyId().toString());
            log.info("{} journey in {} ms; intake {}", result.replayed() ? "replayed" : "received",
                    (System.nanoTime() - started) / 1_000_000, result.intake().name().toLowerCase(Locale.ROOT));
            return ResponseEntity.accepted()
                    .location(URI.create("/v1/journeys/" + result.journeyId()))
                    .header("Idempotent-Replayed", Boolean.toString(result.replayed()))
                    .body(new Accepted(result.journeyId(), Journeys.RECEIVED));
        } catch (JourneyStarts.IntakePendingException e) {
            MDC.put("journeyId", e.journeyId().toString());
            log.warn("journey stored, intake not: the clinical store is unavailable");
            throw e;
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
        }
    }

    /** {@code GET /v1/journeys}: the token's tenant's journeys, filtered, newest first, a page at a time. */
    @GetMapping
    JourneyListing.Page list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "therapy", required = false) String therapy,
            @RequestParam(name = "stateCode", required = false) String stateCode,
            @RequestParam(name = "patientReference", required = false) String patientReference,
            @RequestParam(name = "createdAfter", required = false) String createdAfter,
            @RequestParam(name = "createdBefore", required = false) String createdBefore,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor,
            @AuthenticationPrincipal Jwt token) {
        return listing.list(Agents.tenantOf(token), new JourneyListing.Query(status, therapy, stateCode,
                patientReference, createdAfter, createdBefore, limit, cursor));
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
}
