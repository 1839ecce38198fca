package dev.carepath.portal.readmodel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * How far a journey has come, as the read model knows it.
 *
 * @param status    current status, e.g. {@code PAID}, {@code DELIVERED}, {@code PAYMENT_DECLINED}
 * @param cycle     the cycle the status belongs to (1 the first, 2 the first refill, ...), or null when no event
 *                  named one yet
 * @param updatedAt time of the latest event seen
 * @param partners  partner ids known so far (processor, chargeId, providerNetwork, visitId, rxId,
 *                  pharmacy, trackingNumber), only those known, in that order
 * @param timeline  the journey's events in the order they happened, each once
 */
public record JourneyProgress(String status, Integer cycle, OffsetDateTime updatedAt, Map<String, String> partners,
        List<Step> timeline) {

    /** One event of the journey. */
    public record Step(String type, OffsetDateTime at) {
    }
}
