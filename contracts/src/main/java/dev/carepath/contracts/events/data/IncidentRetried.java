package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * A staff member retried a journey's engine incident (a failed external task or job) from the staff console; the
 * engine runs the step again. The audit record of the action: who, which incident, where in the journey. Aggregate
 * (subject) = the order id; tenant = the journey's tenant.
 */
@EventType(value = EventTypes.INCIDENT_RETRIED, version = 1)
public record IncidentRetried(
        @Required String orderId,
        @Required String incidentId,
        @Required String incidentType,
        @Required String activityId,
        @Required String processInstanceId,
        @Required String retriedBy) implements EventData, OrderEvent {
}
