package dev.carepath.portal.mcp;

import dev.carepath.portal.journeys.JourneyView;
import dev.carepath.portal.journeys.Journeys;
import dev.carepath.portal.web.Problems;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code get_journey} and {@code cancel_journey}: what {@code GET /v1/journeys/{id}} and
 * {@code POST /v1/journeys/{id}/cancellation} do, through the same {@link Journeys} calls.
 */
@Component
class JourneyTools {

    static final String READ = "journeys:read";
    static final String WRITE = "journeys:write";

    /** {@code get_journey}'s and {@code cancel_journey}'s arguments. */
    record JourneyArguments(String journeyId) {
    }

    /** {@code cancel_journey}'s answer: the REST answer, and whether this was a repeat (the REST header). */
    record CancelAnswer(UUID journeyId, String status, OffsetDateTime requestedAt, boolean replayed) {
    }

    private final Journeys journeys;

    JourneyTools(Journeys journeys) {
        this.journeys = journeys;
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
