package dev.carepath.portal.callbacks;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.CycleEvent;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.JourneyCompleted;
import dev.carepath.contracts.events.data.JourneyEnded;
import dev.carepath.contracts.events.data.JourneyIncidentOpened;
import dev.carepath.contracts.events.data.VisitCompleted;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A journey milestone a tenant hears of, and the backbone event it comes from. The webhook type is
 * {@code journey.<milestone>}; {@code status} is the journey's status after it (as {@code GET /v1/journeys/{id}}
 * shows it), {@code outcome} the event's outcome where it has one. An opened incident is no status of the journey
 * (it waits for staff at a step and goes on from there): its status is {@value #INCIDENT}, and it names the step and
 * the incident type ({@code details}).
 *
 * @param type    the webhook type, e.g. {@code journey.paid}
 * @param status  the journey status it stands for
 * @param outcome the outcome the event names, or null
 * @param cycle   the cycle the event names, or null when it names none
 * @param details further references the payload's {@code data} carries (no PHI), empty for most milestones
 */
record Milestone(String type, String status, String outcome, Integer cycle, Map<String, String> details) {

    /** The status of {@code journey.incident-opened}: a step of the journey waits for staff. */
    static final String INCIDENT = "INCIDENT";

    Milestone(String type, String status, String outcome, Integer cycle) {
        this(type, status, outcome, cycle, Map.of());
    }

    /** Outcomes of {@code journey.ended} that mean the journey was cancelled on request. */
    private static final Set<String> CANCELLED = Set.of("CANCELLED", "CANCELLED_AFTER_SHIPMENT");

    /** The backbone event types that make milestones (the consumer's binding routes only these). */
    static final Set<String> SOURCES = Set.of(EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED,
            EventTypes.VISIT_COMPLETED, EventTypes.RX_RECORDED, EventTypes.SHIPMENT_SHIPPED,
            EventTypes.SHIPMENT_DELIVERED, EventTypes.JOURNEY_COMPLETED, EventTypes.JOURNEY_ENDED,
            EventTypes.JOURNEY_INCIDENT_OPENED);

    /** The milestone {@code event} marks, if any. */
    static Optional<Milestone> of(DomainEvent event) {
        EventData data = EventCatalog.find(event).orElse(null);
        Integer cycle = data instanceof CycleEvent named ? named.cycle() : null;
        String outcome = data instanceof VisitCompleted visit ? visit.outcome()
                : data instanceof JourneyEnded ended ? ended.outcome() : null;
        Milestone milestone = switch (event.type()) {
            case EventTypes.JOURNEY_STARTED -> new Milestone("journey.started", "STARTED", null, cycle);
            case EventTypes.PAYMENT_CAPTURED -> new Milestone("journey.paid", "PAID", null, cycle);
            case EventTypes.VISIT_COMPLETED -> new Milestone("journey.visit-completed", "VISIT_COMPLETED", outcome, cycle);
            case EventTypes.RX_RECORDED -> new Milestone("journey.prescribed", "PRESCRIBED", null, cycle);
            case EventTypes.SHIPMENT_SHIPPED -> new Milestone("journey.shipped", "SHIPPED", null, cycle);
            case EventTypes.SHIPMENT_DELIVERED -> new Milestone("journey.delivered", "DELIVERED", null, cycle);
            case EventTypes.JOURNEY_COMPLETED -> new Milestone("journey.cycle-completed",
                    programmeCompleted(data) ? "COMPLETED" : "CYCLE_COMPLETED",
                    "COMPLETED", cycle);
            case EventTypes.JOURNEY_ENDED -> outcome == null ? null : CANCELLED.contains(outcome)
                    ? new Milestone("journey.cancelled", outcome, outcome, cycle)
                    : new Milestone("journey.ended", outcome, outcome, cycle);
            case EventTypes.JOURNEY_INCIDENT_OPENED -> new Milestone("journey.incident-opened", INCIDENT, null, cycle,
                    incident(data));
            default -> null;
        };
        return Optional.ofNullable(milestone);
    }

    /** Whether {@code journey.completed} ends the programme (its last cycle bought), as the read model's status. */
    private static boolean programmeCompleted(EventData data) {
        return data instanceof JourneyCompleted completed && Boolean.TRUE.equals(completed.programmeCompleted());
    }

    /** The failed step and the incident type of {@code journey.incident-opened}; never the engine's message. */
    private static Map<String, String> incident(EventData data) {
        Map<String, String> details = new LinkedHashMap<>();
        if (data instanceof JourneyIncidentOpened incident) {
            if (incident.activityId() != null) {
                details.put("activityId", incident.activityId());
            }
            if (incident.incidentType() != null) {
                details.put("incidentType", incident.incidentType());
            }
        }
        return details;
    }
}
