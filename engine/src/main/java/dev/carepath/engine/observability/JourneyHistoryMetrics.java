package dev.carepath.engine.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.operaton.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.operaton.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns the engine's own history events into metrics, beside the database history handler (which still writes
 * them): every process instance is one journey cycle, every activity instance one step.
 * <ul>
 *   <li>{@code carepath.journey.cycles.started{process}}, and {@code carepath.journey.cycle{process,end}}: a cycle's
 *       duration from start to its end event (the end event's id names the outcome);</li>
 *   <li>{@code carepath.journey.step{process,activity,type}}: each activity's duration, from the engine's own
 *       start and end times (a wait state's duration is the wait);</li>
 *   <li>{@code carepath.decisions.evaluated{decision}}: each decision the engine evaluated (business rule tasks).</li>
 * </ul>
 * Only activities of processes with a key are measured, and each update waits for the commit of the transaction the
 * event belongs to ({@link AfterCommit}). Names and ids of the model only: no variable, no business key.
 */
final class JourneyHistoryMetrics implements HistoryEventHandler {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;

    /** @param jdbc reads the start of an activity or cycle that began in an earlier transaction */
    JourneyHistoryMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
    }

    /**
     * The duration of an ending activity or cycle. The engine computes it only when the instance started in the same
     * transaction; one that waited (an external task, a message, a timer) ends in a later one, whose end event knows
     * no start: it is read from the history row the start wrote (by primary key, committed before the wait).
     */
    private Long durationOf(HistoricScopeInstanceEvent event, String table) {
        if (event.getDurationInMillis() != null) {
            return event.getDurationInMillis();
        }
        if (event.getEndTime() == null || event.getId() == null) {
            return null;
        }
        List<Timestamp> started = jdbc.queryForList("SELECT start_time_ FROM engine." + table + " WHERE id_ = ?",
                Timestamp.class, event.getId());
        return started.isEmpty() || started.get(0) == null ? null
                : Math.max(0, event.getEndTime().getTime() - started.get(0).getTime());
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricActivityInstanceEventEntity activity
                && event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END) && activity.getActivityId() != null) {
            Long duration = durationOf(activity, "act_hi_actinst");
            if (duration == null) {
                return;
            }
            Timer timer = Timer.builder("carepath.journey.step")
                    .description("duration of one BPMN activity of a journey cycle, waits included")
                    .tag("process", String.valueOf(event.getProcessDefinitionKey()))
                    .tag("activity", activity.getActivityId())
                    .tag("type", String.valueOf(activity.getActivityType()))
                    .register(registry);
            AfterCommit.run(() -> timer.record(Duration.ofMillis(duration)));
        } else if (event instanceof HistoricProcessInstanceEventEntity instance) {
            String process = String.valueOf(event.getProcessDefinitionKey());
            if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
                Counter started = Counter.builder("carepath.journey.cycles.started")
                        .description("journey cycles started (process instances)")
                        .tag("process", process).register(registry);
                AfterCommit.run(started::increment);
            } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
                Long duration = durationOf(instance, "act_hi_procinst");
                if (duration == null) {
                    return;
                }
                Timer cycle = Timer.builder("carepath.journey.cycle")
                        .description("duration of a journey cycle from its start to its end event")
                        .tag("process", process)
                        .tag("end", String.valueOf(instance.getEndActivityId()))
                        .register(registry);
                AfterCommit.run(() -> cycle.record(Duration.ofMillis(duration)));
            }
        } else if (event instanceof HistoricDecisionEvaluationEvent evaluation
                && evaluation.getRootHistoricDecisionInstance() != null) {
            Counter evaluated = Counter.builder("carepath.decisions.evaluated")
                    .description("decisions evaluated by the engine (business rule tasks)")
                    .tag("decision", String.valueOf(evaluation.getRootHistoricDecisionInstance().getDecisionDefinitionKey()))
                    .register(registry);
            AfterCommit.run(evaluated::increment);
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }
}
