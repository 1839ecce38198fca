package dev.carepath.engine.orchestration;

import static dev.carepath.engine.journey.JourneyVariables.COST_TIER;
import static dev.carepath.engine.journey.JourneyVariables.CYCLE;
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
    private final EngineTenants tenants;

    JourneyOrchestrator(EventInbox inbox, RuntimeService runtime, EngineTenants tenants) {
        this.inbox = inbox;
        this.runtime = runtime;
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
                case EventTypes.ORDER_CREATED -> startCycle(event, orderId);
                case EventTypes.VISIT_COMPLETED -> correlate(event, orderId, Map.of(VISIT_OUTCOME, event.text("outcome")));
                case EventTypes.SHIPMENT_DELIVERED -> correlate(event, orderId,
                        Map.of(TRACKING_NUMBER, String.valueOf(event.text("trackingNumber"))));
                default -> log.debug("ignoring {}", event.type());
            }
        } finally {
            MDC.remove("journeyId");
        }
    }

    private void startCycle(DomainEvent event, String orderId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ORDER_ID, orderId);
        variables.put(TENANT_ID, event.tenantId());
        variables.put(CYCLE, ((Number) event.data().getOrDefault("cycle", 1)).intValue());
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

    private void correlate(DomainEvent event, String orderId, Map<String, Object> variables) {
        runtime.createMessageCorrelation(event.type())
                .tenantId(event.tenantId())
                .processInstanceBusinessKey(orderId)
                .setVariables(variables)
                .correlateWithResult();
        log.info("{} correlated", event.type());
    }
}
