package dev.carepath.engine.journey;

import org.operaton.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.operaton.bpm.engine.impl.incident.IncidentContext;
import org.operaton.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Operaton's default incident handler for one incident type ({@code failedExternalTask}, {@code failedJob}), which
 * also tells the backbone: when the engine opens an incident for a journey's cycle (a task or job ran out of retries),
 * {@link JourneyEvents#incidentOpened} appends {@code journey.incident-opened} to the orchestrator's outbox in the
 * engine's transaction, so the event exists exactly when the incident does. Resolving and deleting stay the
 * default's. Registered by {@link JourneyEngineConfiguration} as a custom handler, which replaces the default one of
 * its type.
 */
final class JourneyIncidents extends DefaultIncidentHandler {

    private final ObjectProvider<JourneyEvents> events;

    JourneyIncidents(String type, ObjectProvider<JourneyEvents> events) {
        super(type);
        this.events = events;
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
        Incident incident = super.handleIncident(context, message);
        events.getObject().incidentOpened(incident);
        return incident;
    }
}
