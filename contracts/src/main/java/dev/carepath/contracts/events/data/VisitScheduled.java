package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A telemedicine visit was booked with a provider network licensed in the patient's state.
 */
@EventType(value = EventTypes.VISIT_SCHEDULED, version = 1)
public record VisitScheduled(
        @Required String orderId,
        @Required Integer cycle,
        @Required String providerNetwork,
        @Required String visitId,
        @NotInSchema Boolean rescheduled) implements EventData, OrderEvent, CycleEvent {

    /** The first booking of the cycle's visit. */
    public VisitScheduled(String orderId, Integer cycle, String providerNetwork, String visitId) {
        this(orderId, cycle, providerNetwork, visitId, null);
    }
}
