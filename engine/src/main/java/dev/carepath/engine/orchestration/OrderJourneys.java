package dev.carepath.engine.orchestration;

import static dev.carepath.engine.journey.JourneyVariables.CYCLE;
import static dev.carepath.engine.journey.JourneyVariables.PROCESS_KEY;

import java.util.Optional;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * What the engine holds of one order's journey (business key = order id, one instance per cycle), read with
 * queries only, so a question never throws inside the orchestrator's transaction.
 */
@Component
class OrderJourneys {

    /** The end event after which the orchestrator starts the next cycle. */
    static final String NEXT_CYCLE_REQUESTED = "EndEvent_NextCycleRequested";

    private final RuntimeService runtime;
    private final HistoryService history;

    OrderJourneys(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    /** The order's running cycle, if one runs. */
    Optional<ProcessInstance> running(String tenantId, String orderId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(orderId).tenantIdIn(tenantId).list().stream().findFirst();
    }

    /** Whether the instance waits for the message now (a receive task, a boundary or an event subprocess start). */
    boolean waitsFor(String processInstanceId, String messageName) {
        return runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType("message")
                .eventName(messageName).count() > 0;
    }

    /** A variable of the running instance, or null. */
    Object variable(String processInstanceId, String name) {
        return runtime.getVariable(processInstanceId, name);
    }

    /** The order's latest cycle that ever started, running or ended. */
    Optional<HistoricProcessInstance> latest(String tenantId, String orderId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(orderId).tenantIdIn(tenantId).orderByProcessInstanceStartTime().desc()
                .listPage(0, 1).stream().findFirst();
    }

    /** Whether the cycle {@code cycle} of the order ever started. */
    boolean started(String orderId, int cycle) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(orderId).variableValueEquals(CYCLE, cycle).count() > 0;
    }

    /** Whether the ended instance asked for the next cycle (so the next one is due, not started yet). */
    boolean requestedNextCycle(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(NEXT_CYCLE_REQUESTED).count() > 0;
    }

    /** The cycle number of an instance, from its history. */
    int cycleOf(String processInstanceId) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(CYCLE).singleResult();
        return variable != null && variable.getValue() instanceof Number number ? number.intValue() : 1;
    }
}
