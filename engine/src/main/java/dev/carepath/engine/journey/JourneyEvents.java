package dev.carepath.engine.journey;

import static dev.carepath.engine.journey.JourneyVariables.CYCLE;
import static dev.carepath.engine.journey.JourneyVariables.COST_TIER;
import static dev.carepath.engine.journey.JourneyVariables.DOSE_STEP;
import static dev.carepath.engine.journey.JourneyVariables.ORDER_ID;
import static dev.carepath.engine.journey.JourneyVariables.PAYMENT_TOKEN;
import static dev.carepath.engine.journey.JourneyVariables.STATE_CODE;
import static dev.carepath.engine.journey.JourneyVariables.THERAPY;
import static dev.carepath.engine.journey.JourneyVariables.WEEKS_TO_NEXT_FOLLOW_UP;

import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.JourneyCompleted;
import dev.carepath.contracts.events.data.JourneyEnded;
import dev.carepath.contracts.events.data.JourneyIncidentOpened;
import dev.carepath.contracts.events.data.JourneyStarted;
import dev.carepath.contracts.events.data.OrderCycleDue;
import dev.carepath.contracts.events.data.OrderTitrated;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantScope;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the {@code journey.*} events from execution listeners of the model. The listener runs inside
 * the engine's transaction, which is the Spring transaction on the same data source, so the event
 * commits exactly when the engine's state change does. The transaction is set to the instance's tenant
 * first: the orchestrator's outbox is held to it by row-level security.
 */
@Component("journeyEvents")
public class JourneyEvents {

    private static final Logger log = LoggerFactory.getLogger(JourneyEvents.class);

    static final String SCHEMA = "orchestrator";

    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final JourneyCycles cycles;
    private final JourneyMetrics metrics;

    JourneyEvents(Outbox outbox, JdbcTemplate jdbc, JourneyCycles cycles, JourneyMetrics metrics) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.cycles = cycles;
        this.metrics = metrics;
    }

    /** Process start: the cycle is running (its first cycle: the journey started). */
    public void started(DelegateExecution execution) {
        append(execution, new JourneyStarted(orderId(execution), cycle(execution), execution.getProcessInstanceId(),
                execution.getProcessDefinitionId()));
        Object cycle = execution.getVariable(CYCLE);
        if (cycle instanceof Number number && number.intValue() == 1) {
            metrics.journeyStarted();
        }
    }

    /**
     * An end event: {@code COMPLETED} for the happy path (a cycle that asks for the next one: the journey goes on),
     * otherwise the reason the cycle, and with it the journey, ended.
     */
    public void ended(DelegateExecution execution, String outcome) {
        append(execution, "COMPLETED".equals(outcome)
                ? new JourneyCompleted(orderId(execution), cycle(execution), execution.getProcessInstanceId(),
                        execution.getProcessDefinitionId(), outcome, null, null)
                : new JourneyEnded(orderId(execution), cycle(execution), execution.getProcessInstanceId(),
                        execution.getProcessDefinitionId(), outcome, null));
        if (!"COMPLETED".equals(outcome)) {
            metrics.journeyEnded(outcome);
        }
    }

    /**
     * The end event "Programme completed": the last cycle the order bought was delivered, so the series ends
     * {@code COMPLETED} ({@code journey.completed} with {@code programmeCompleted}) and no further cycle is asked for.
     */
    public void programmeCompleted(DelegateExecution execution) {
        append(execution, new JourneyCompleted(orderId(execution), cycle(execution), execution.getProcessInstanceId(),
                execution.getProcessDefinitionId(), "COMPLETED", true, cycles.cyclesBought(execution)));
        metrics.journeyEnded("COMPLETED");
    }

    /**
     * The message end event "Next cycle requested": asks the orchestrator for cycle N+1 with the routing
     * facts it needs (no PHI). The orchestrator starts it as a new instance of the latest model.
     */
    public void cycleDue(DelegateExecution execution) {
        String orderId = orderId(execution);
        outbox.append(SCHEMA, orderId, execution.getTenantId(), new OrderCycleDue(orderId,
                ((Number) execution.getVariable(CYCLE)).intValue() + 1, (String) execution.getVariable(THERAPY),
                (String) execution.getVariable(STATE_CODE), (String) execution.getVariable(COST_TIER),
                (String) execution.getVariable(PAYMENT_TOKEN), ((Number) execution.getVariable(DOSE_STEP)).intValue(),
                execution.getProcessInstanceId(), cycles.cyclesBought(execution)));
    }

    /**
     * End of "Decide next dose", after {@code journeyCycles.applyTitration}: appends {@code order.titrated} with the dose
     * step the cycle delivers and the weeks to its follow-up, in the transaction that sets them on the cycle (the
     * business rule task runs in its own job, so a job that fails and is retried rolled its event back with it). Once
     * per cycle: a cycle whose event is in the outbox already publishes none again. The follow-up visit's finding
     * (tolerated or not) stays out: it is the patient's, and the dose step says what was decided.
     */
    public void titrated(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(ORDER_ID);
        int cycle = ((Number) execution.getVariable(CYCLE)).intValue();
        TenantScope.enter(jdbc, execution.getTenantId());
        Long published = jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + ".outbox WHERE aggregate_id = ?"
                + " AND event_type = ? AND envelope -> 'data' ->> 'cycle' = ?", Long.class, orderId,
                EventTypes.ORDER_TITRATED, String.valueOf(cycle));
        if (published != null && published > 0) {
            log.warn("order.titrated of cycle {} is published already; not again", cycle);
            return;
        }
        outbox.append(SCHEMA, orderId, execution.getTenantId(), new OrderTitrated(orderId, cycle,
                execution.getVariable(THERAPY) instanceof String therapy ? therapy : null,
                ((Number) execution.getVariable(DOSE_STEP)).intValue(),
                ((Number) execution.getVariable(WEEKS_TO_NEXT_FOLLOW_UP)).intValue(), "titration",
                execution.getProcessInstanceId()));
    }

    /**
     * The engine opened {@code incident} (see {@link JourneyIncidents}), inside the command that opened it: appends
     * {@code journey.incident-opened} with the failed activity and the incident type. The incident's message is left
     * out: it is the worker's error text, which may quote a partner's answer. An incident of an execution that is
     * no journey's (no order id) publishes nothing.
     */
    public void incidentOpened(Incident incident) {
        ExecutionEntity execution = incident.getExecutionId() == null ? null
                : Context.getCommandContext().getExecutionManager().findExecutionById(incident.getExecutionId());
        if (execution == null || !(execution.getVariable(ORDER_ID) instanceof String orderId)) {
            log.warn("incident {} ({}) at {} belongs to no journey; no event", incident.getId(),
                    incident.getIncidentType(), incident.getActivityId());
            return;
        }
        String activityId = incident.getFailedActivityId() != null ? incident.getFailedActivityId()
                : incident.getActivityId();
        append(execution, new JourneyIncidentOpened(orderId, cycle(execution), execution.getProcessInstanceId(),
                execution.getProcessDefinitionId(), incident.getId(), incident.getIncidentType(), activityId));
        log.info("incident {} ({}) opened at {}", incident.getId(), incident.getIncidentType(), activityId);
    }

    private void append(DelegateExecution execution, EventData data) {
        TenantScope.enter(jdbc, execution.getTenantId());
        outbox.append(SCHEMA, orderId(execution), execution.getTenantId(), data);
    }

    private static String orderId(DelegateExecution execution) {
        return (String) execution.getVariable(ORDER_ID);
    }

    private static Integer cycle(DelegateExecution execution) {
        return execution.getVariable(CYCLE) instanceof Number cycle ? cycle.intValue() : null;
    }
}
