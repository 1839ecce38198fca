package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The engine opened an incident for the cycle: a task or job ran out of retries and waits for staff (Cockpit:
 * retry or resolve). Data of the CloudEvent; references only: the failure's message stays in the engine, since it
 * may quote a partner's answer.
 */
@EventType(value = EventTypes.JOURNEY_INCIDENT_OPENED, version = 1)
public record JourneyIncidentOpened(
        @Required String orderId,
        Integer cycle,
        String processInstanceId,
        String processDefinitionId,
        String incidentId,
        @Required String incidentType,
        @Required String activityId) implements EventData, OrderEvent, CycleEvent {
}
