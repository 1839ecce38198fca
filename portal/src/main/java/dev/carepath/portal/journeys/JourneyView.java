package dev.carepath.portal.journeys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The body of {@code GET /v1/journeys/{id}}, and the MCP server's {@code get_journey} answer. */
public record JourneyView(
        UUID journeyId,
        String tenantId,
        String therapy,
        String stateCode,
        int cycle,
        String status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        Map<String, String> partners,
        List<TimelineEntry> timeline) {

    public record TimelineEntry(String type, OffsetDateTime at) {
    }
}
