package dev.carepath.engine.orchestration;

import static dev.carepath.engine.journey.JourneyVariables.COST_TIER;
import static dev.carepath.engine.journey.JourneyVariables.CYCLE;
import static dev.carepath.engine.journey.JourneyVariables.DOSE_STEP;
import static dev.carepath.engine.journey.JourneyVariables.SHIPPED;
import static dev.carepath.engine.journey.JourneyVariables.ORDER_ID;
import static dev.carepath.engine.journey.JourneyVariables.PAYMENT_TOKEN;
import static dev.carepath.engine.journey.JourneyVariables.PROCESS_KEY;
import static dev.carepath.engine.journey.JourneyVariables.STATE_CODE;
import static dev.carepath.engine.journey.JourneyVariables.TENANT_ID;
import static dev.carepath.engine.journey.JourneyVariables.THERAPY;
import static dev.carepath.engine.journey.JourneyVariables.TRACKING_NUMBER;
import static dev.carepath.engine.journey.JourneyVariables.VISIT_OUTCOME;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.engine.security.EngineTenants;
import dev.carepath.eventing.EventInbox;
import java.util.HashMap;
import java.util.Map;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Applies the events the engine subscribes to. A correlation that finds no waiting instance (the
 * partner answered before the instance reached its catch event) throws, so the message is redelivered
 * with backoff and, past the bounded retries, dead-lettered where staff can see and replay it.
 */
@Component
public class JourneyOrchestrator {

    static final String CONSUMER = "engine-orchestrator";
    static final String SCHEMA = "orchestrator";

    private static final Logger log = LoggerFactory.getLogger(JourneyOrchestrator.class);

    private final EventInbox inbox;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final EngineTenants tenants;

    JourneyOrchestrator(EventInbox inbox, RuntimeService runtime, HistoryService history, EngineTenants tenants) {
        this.inbox = inbox;
        this.runtime = runtime;
        this.history = history;
        this.tenants = tenants;
    }

    public void accept(Message<byte[]> message) {
        inbox.consume(SCHEMA, CONSUMER, message, this::apply);
    }

    private void apply(DomainEvent event) {
        String orderId = event.text("orderId");
        if (orderId == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " has no orderId");
        }
        MDC.put("journeyId", orderId);
        try {
            switch (event.type()) {
                case EventTypes.ORDER_CREATED, EventTypes.ORDER_CYCLE_DUE -> startCycle(event, orderId);
                case EventTypes.ORDER_CANCEL_REQUESTED -> correlate(event, orderId, Map.of());
                case EventTypes.SHIPMENT_EXCEPTION -> correlate(event, orderId, Map.of());
                case EventTypes.SHIPMENT_SHIPPED -> markShipped(event, orderId);
                case EventTypes.VISIT_COMPLETED -> correlate(event, orderId, Map.of(VISIT_OUTCOME, event.text("outcome")));
                case EventTypes.SHIPMENT_DELIVERED -> correlate(event, orderId,
                        Map.of(TRACKING_NUMBER, String.valueOf(event.text("trackingNumber"))));
                default -> log.debug("ignoring {}", event.type());
            }
        } finally {
            MDC.remove("journeyId");
        }
    }

    /**
     * Starts a cycle as a new instance of the latest model version: the first on {@code order.created},
     * each later one on {@code order.cycle-due}. A cycle that already ran or runs is not started again.
     */
    private void startCycle(DomainEvent event, String orderId) {
        int cycle = ((Number) event.data().getOrDefault("cycle", 1)).intValue();
        if (history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(orderId).variableValueEquals(CYCLE, cycle).count() > 0) {
            log.info("cycle {} already started", cycle);
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ORDER_ID, orderId);
        variables.put(TENANT_ID, event.tenantId());
        variables.put(CYCLE, cycle);
        variables.put(DOSE_STEP, ((Number) event.data().getOrDefault("doseStep", 1)).intValue());
        variables.put(THERAPY, event.text("therapy"));
        variables.put(STATE_CODE, event.text("stateCode"));
        variables.put(COST_TIER, event.data().getOrDefault("costTier", "standard"));
        variables.put(PAYMENT_TOKEN, event.text("paymentToken"));
        tenants.ensure(event.tenantId());
        var instance = runtime.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(orderId)
                .setVariables(variables)
                .execute();
        log.info("cycle {} started as {}", variables.get(CYCLE), instance.getId());
    }

    /** After shipment a cancel request stops future cycles only; the cycle remembers that it shipped. */
    private void markShipped(DomainEvent event, String orderId) {
        runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(orderId)
                .tenantIdIn(event.tenantId()).active().list()
                .forEach(instance -> runtime.setVariable(instance.getId(), SHIPPED, true));
    }

    private void correlate(DomainEvent event, String orderId, Map<String, Object> variables) {
        runtime.createMessageCorrelation(event.type())
                .tenantId(event.tenantId())
                .processInstanceBusinessKey(orderId)
                .setVariables(variables)
                .correlateWithResult();
        log.info("{} correlated", event.type());
    }
}
