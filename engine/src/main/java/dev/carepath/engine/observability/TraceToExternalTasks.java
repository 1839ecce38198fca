package dev.carepath.engine.observability;

import dev.carepath.eventing.EventTracing;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;

/**
 * Hands the current trace to the workers: when an external (service or send) task starts, its execution gets the local variable
 * {@value EventTracing#TRACEPARENT} with the W3C traceparent of the span the engine is in (an event the orchestrator
 * applies, or a worker's completion over the engine REST API). The workers fetch it with the task and continue the
 * trace. It holds two random ids and flags: no PHI. Nothing is set when no span is current (a timer fired by the job
 * executor): the worker then starts a trace of its own.
 */
final class TraceToExternalTasks extends AbstractBpmnParseListener {

    private final ExecutionListener setTraceparent;

    TraceToExternalTasks(EventTracing tracing) {
        this.setTraceparent = (DelegateExecution execution) -> {
            String traceparent = tracing.currentTraceparent();
            if (traceparent != null) {
                execution.setVariableLocal(EventTracing.TRACEPARENT, traceparent);
            }
        };
    }

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        handOver(activity);
    }

    @Override
    public void parseSendTask(Element sendTaskElement, ScopeImpl scope, ActivityImpl activity) {
        handOver(activity);
    }

    /** External tasks only: the other service tasks run in the engine, in its own span. */
    private void handOver(ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
            activity.addListener(ExecutionListener.EVENTNAME_START, setTraceparent);
        }
    }
}
