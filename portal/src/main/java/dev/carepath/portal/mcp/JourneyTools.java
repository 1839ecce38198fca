package dev.carepath.portal.mcp;

import dev.carepath.portal.clinical.IntakeAnswers;
import dev.carepath.portal.journeys.JourneyListing;
import dev.carepath.portal.journeys.JourneyStarts;
import dev.carepath.portal.journeys.JourneyView;
import dev.carepath.portal.journeys.Journeys;
import dev.carepath.portal.journeys.StartJourneyRequest;
import dev.carepath.portal.web.Problems;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The journey tools, each the REST endpoint of the same meaning through the same service call: {@code start_journey}
 * is {@code POST /v1/journeys} with the intake inline ({@link JourneyStarts}: the same validation, idempotency and
 * hand-over of the intake to the clinical store), {@code list_journeys} is {@code GET /v1/journeys}
 * ({@link JourneyListing}), {@code get_journey} and {@code cancel_journey} are {@code GET /v1/journeys/{id}} and
 * {@code POST /v1/journeys/{id}/cancellation} ({@link Journeys}).
 */
@Component
class JourneyTools {

    static final String READ = "journeys:read";
    static final String WRITE = "journeys:write";

    /**
     * {@code start_journey}'s arguments: the REST body with the {@code Idempotency-Key} header as an argument. The
     * intake is required here: an MCP agent has no other tool to give it.
     */
    record StartArguments(String idempotencyKey, String patientReference, String therapy, String stateCode,
            String paymentToken, Integer cycles, IntakeAnswers intake) {

        /** Names no value: the patient reference, the payment token and the intake stay out of logs. */
        @Override
        public String toString() {
            return "StartArguments[therapy=" + therapy + ", stateCode=" + stateCode + ", <values redacted>]";
        }
    }

    /** {@code start_journey}'s answer: the REST answer, whether it was a replay, and what became of the intake. */
    record StartAnswer(UUID journeyId, String status, boolean replayed, JourneyStarts.IntakeDelivery intake) {
    }

    /** {@code list_journeys}'s arguments: the REST query parameters, {@code limit} as a JSON number. */
    record ListArguments(String status, String therapy, String stateCode, String patientReference, String createdAfter,
            String createdBefore, Integer limit, String cursor) {

        JourneyListing.Query query() {
            return new JourneyListing.Query(status, therapy, stateCode, patientReference,
                    dateTime("createdAfter", createdAfter), dateTime("createdBefore", createdBefore), limit, cursor);
        }

        /** An RFC 3339 date-time argument, as the REST query parameter takes it; otherwise 400 {@code validation}. */
        private static OffsetDateTime dateTime(String name, String value) {
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                throw Problems.validation(name, "must be an RFC 3339 date-time, e.g. 2026-01-31T09:00:00Z");
            }
        }
    }

    /** {@code get_journey}'s and {@code cancel_journey}'s arguments. */
    record JourneyArguments(String journeyId) {
    }

    /** {@code cancel_journey}'s answer: the REST answer, and whether this was a repeat (the REST header). */
    record CancelAnswer(UUID journeyId, String status, OffsetDateTime requestedAt, boolean replayed) {
    }

    private final Journeys journeys;
    private final JourneyStarts starts;
    private final JourneyListing listing;

    JourneyTools(Journeys journeys, JourneyStarts starts, JourneyListing listing) {
        this.journeys = journeys;
        this.starts = starts;
        this.listing = listing;
    }

    StartAnswer start(Caller caller, Arguments arguments) {
        String tenant = caller.tenant();
        StartArguments start = arguments.as(StartArguments.class);
        if (start.intake() == null) {
            throw Problems.validation("intake", "is required: the patient's medical intake (see the input schema)");
        }
        JourneyStarts.Started started = starts.start(tenant, new StartJourneyRequest(null, start.patientReference(),
                start.therapy(), start.stateCode(), start.paymentToken(), start.cycles(), start.intake()),
                start.idempotencyKey());
        return new StartAnswer(started.journeyId(), "RECEIVED", started.replayed(), started.intake());
    }

    JourneyListing.Page list(Caller caller, Arguments arguments) {
        return listing.list(caller.tenant(), arguments.as(ListArguments.class).query());
    }

    JourneyView get(Caller caller, Arguments arguments) {
        String id = Arguments.required("journeyId", arguments.as(JourneyArguments.class).journeyId());
        return Journeys.parseId(id).flatMap(journey -> journeys.view(caller.tenant(), journey))
                .orElseThrow(() -> Problems.notFound("There is no journey with this id."));
    }

    CancelAnswer cancel(Caller caller, Arguments arguments) {
        String id = Arguments.required("journeyId", arguments.as(JourneyArguments.class).journeyId());
        Journeys.Cancelled cancelled = Journeys.parseId(id)
                .flatMap(journey -> journeys.cancel(caller.tenant(), journey, caller.clientId()))
                .orElseThrow(() -> Problems.notFound("There is no journey with this id."));
        return new CancelAnswer(cancelled.journeyId(), "CANCEL_REQUESTED", cancelled.requestedAt(),
                cancelled.replayed());
    }
}
