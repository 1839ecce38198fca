package dev.carepath.engine.orchestration;

import static dev.carepath.engine.journey.JourneyVariables.COST_TIER;
import static dev.carepath.engine.journey.JourneyVariables.CYCLE;
import static dev.carepath.engine.journey.JourneyVariables.CYCLES_BOUGHT;
import static dev.carepath.engine.journey.JourneyVariables.DOSE_STEP;
import static dev.carepath.engine.journey.JourneyVariables.ORDER_ID;
import static dev.carepath.engine.journey.JourneyVariables.PAYMENT_TOKEN;
import static dev.carepath.engine.journey.JourneyVariables.PROCESS_KEY;
import static dev.carepath.engine.journey.JourneyVariables.SHIPPED;
import static dev.carepath.engine.journey.JourneyVariables.STATE_CODE;
import static dev.carepath.engine.journey.JourneyVariables.TENANT_ID;
import static dev.carepath.engine.journey.JourneyVariables.THERAPY;
import static dev.carepath.engine.journey.JourneyVariables.TRACKING_NUMBER;
import static dev.carepath.engine.journey.JourneyVariables.VISIT_OUTCOME;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.JourneyEnded;
import dev.carepath.contracts.events.data.OrderCreated;
import dev.carepath.contracts.events.data.OrderCycleDue;
import dev.carepath.contracts.events.data.OrderEvent;
import dev.carepath.contracts.events.data.ShipmentDelivered;
import dev.carepath.contracts.events.data.ShipmentException;
import dev.carepath.contracts.events.data.ShipmentShipped;
import dev.carepath.contracts.events.data.VisitCompleted;
import dev.carepath.engine.journey.JourneyProgrammes;
import dev.carepath.engine.security.EngineTenants;
import dev.carepath.engine.journey.JourneyMetrics;
import dev.carepath.eventing.EventInbox;
import dev.carepath.eventing.EventTracing;
import dev.carepath.eventing.Outbox;
import io.micrometer.tracing.Span;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Applies the events the engine subscribes to, one order at a time ({@link OrchestratorRecords#lockOrder}), and
 * never holds the consumer thread waiting for a cycle:
 * <ul>
 *   <li>{@code order.created} / {@code order.cycle-due} start a cycle, unless the order was cancelled before it
 *       started or the order bought no such cycle;</li>
 *   <li>a partner event the running cycle waits for is correlated; one that arrived before its cycle waits is
 *       buffered ({@code early_event}) and correlated by {@link EarlyEvents} once the cycle waits; one for an
 *       ended journey or an earlier cycle is recorded ({@code ignored_event}) and not applied; one for an order
 *       the engine never saw throws, so it is retried briefly and dead-lettered where staff can see it;</li>
 *   <li>{@code order.cancel-requested} interrupts the running cycle, or, when none runs (before the first cycle
 *       started, or between two cycles), ends the journey at once ({@code journey.ended}) and keeps any later
 *       cycle from starting.</li>
 * </ul>
 */
@Component
public class JourneyOrchestrator {

    static final String CONSUMER = "engine-orchestrator";
    static final String SCHEMA = "orchestrator";

    /** What became of a partner event. */
    enum Delivery { CORRELATED, BUFFERED, IGNORED }

    private static final Logger log = LoggerFactory.getLogger(JourneyOrchestrator.class);

    /** The variable of the running cycle that names what a partner event is about: a later event must match it. */
    private static final Map<String, String> REFERENCE = Map.of(
            EventTypes.VISIT_COMPLETED, "visitId",
            EventTypes.SHIPMENT_SHIPPED, "rxId",
            EventTypes.SHIPMENT_DELIVERED, "rxId",
            EventTypes.SHIPMENT_EXCEPTION, "rxId");

    private final EventInbox inbox;
    private final RuntimeService runtime;
    private final EngineTenants tenants;
    private final OrderJourneys journeys;
    private final OrchestratorRecords records;
    private final JourneyProgrammes programmes;
    private final Outbox outbox;
    private final EventTracing tracing;
    private final JourneyMetrics metrics;

    JourneyOrchestrator(EventInbox inbox, RuntimeService runtime, EngineTenants tenants, OrderJourneys journeys,
            OrchestratorRecords records, JourneyProgrammes programmes, Outbox outbox, EventTracing tracing,
            JourneyMetrics metrics) {
        this.inbox = inbox;
        this.runtime = runtime;
        this.tenants = tenants;
        this.journeys = journeys;
        this.records = records;
        this.programmes = programmes;
        this.outbox = outbox;
        this.tracing = tracing;
        this.metrics = metrics;
    }

    public void accept(Message<byte[]> message) {
        inbox.consume(SCHEMA, CONSUMER, message, this::apply);
    }

    private void apply(DomainEvent event) {
        String orderId = EventCatalog.read(event) instanceof OrderEvent order ? order.orderId() : null;
        if (orderId == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " has no orderId");
        }
        MDC.put("journeyId", orderId);
        try {
            records.lockOrder(orderId);
            switch (event.type()) {
                case EventTypes.ORDER_CREATED, EventTypes.ORDER_CYCLE_DUE -> startCycle(event, orderId);
                case EventTypes.ORDER_CANCEL_REQUESTED -> cancel(event, orderId);
                case EventTypes.SHIPMENT_SHIPPED -> markShipped(event, orderId);
                case EventTypes.VISIT_COMPLETED, EventTypes.SHIPMENT_DELIVERED, EventTypes.SHIPMENT_EXCEPTION ->
                        deliver(event, orderId, false);
                default -> log.debug("ignoring {}", event.type());
            }
        } finally {
            MDC.remove("journeyId");
        }
    }

    /**
     * Correlates the order's buffered partner events whose cycle now waits for them, and records those whose
     * cycle ended without waiting; the rest stay buffered. Runs in the order's tenant transaction.
     */
    void drain(String orderId) {
        MDC.put("journeyId", orderId);
        try {
            records.lockOrder(orderId);
            for (DomainEvent event : records.buffered(orderId)) {
                MDC.put("eventId", event.id());
                // The buffered event's own trace goes on: the step it lets the cycle take is part of it.
                Delivery delivery = tracing.inSpan(CONSUMER + " buffered " + event.type(), event.traceparent(),
                        Span.Kind.CONSUMER, Map.of("carepath.event.type", event.type()),
                        () -> deliver(event, orderId, true));
                if (delivery != Delivery.BUFFERED) {
                    records.unbuffer(event);
                }
            }
        } finally {
            MDC.remove("eventId");
            MDC.remove("journeyId");
        }
    }

    /**
     * Starts a cycle as a new instance of the latest model version: the first on {@code order.created},
     * each later one on {@code order.cycle-due}. A cycle that already ran or runs is not started again, nor one
     * of an order cancelled before it started, nor one beyond the cycles the order bought.
     */
    private void startCycle(DomainEvent event, String orderId) {
        CycleRequest request = CycleRequest.of(EventCatalog.read(event));
        int cycle = request.cycle();
        if (journeys.started(orderId, cycle)) {
            log.info("cycle {} already started", cycle);
            return;
        }
        if (records.cancellationOf(orderId).isPresent()) {
            records.ignore(event, orderId, "order-cancelled");
            log.info("cycle {} not started: the order was cancelled before it started", cycle);
            return;
        }
        int cyclesBought = programmes.cyclesBought(request.therapy(), request.cyclesBought());
        if (cycle > cyclesBought) {
            records.ignore(event, orderId, "beyond-cycles-bought");
            log.warn("cycle {} not started: the order bought {} cycles", cycle, cyclesBought);
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ORDER_ID, orderId);
        variables.put(TENANT_ID, event.tenantId());
        variables.put(CYCLE, cycle);
        variables.put(CYCLES_BOUGHT, cyclesBought);
        variables.put(DOSE_STEP, request.doseStep());
        variables.put(THERAPY, request.therapy());
        variables.put(STATE_CODE, request.stateCode());
        variables.put(COST_TIER, request.costTier() == null ? "standard" : request.costTier());
        variables.put(PAYMENT_TOKEN, request.paymentToken());
        tenants.ensure(event.tenantId());
        var instance = runtime.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(orderId)
                .setVariables(variables)
                .execute();
        log.info("cycle {} of {} started as {}", cycle, cyclesBought, instance.getId());
    }

    /**
     * A cancel request interrupts the running cycle (its event subprocess). With no cycle running it ends the
     * journey here: before the first cycle started ({@code CANCELLED}), or between two cycles, the last one
     * delivered ({@code CANCELLED_AFTER_SHIPMENT}); the cycle not started yet then never starts. A cancel for a
     * journey that already ended, or is ending, is recorded and not applied.
     */
    private void cancel(DomainEvent event, String orderId) {
        var running = journeys.running(event.tenantId(), orderId);
        if (running.isPresent()) {
            if (journeys.waitsFor(running.get().getId(), event.type())) {
                correlate(event, running.get(), Map.of());
            } else {
                ignore(event, orderId, "journey-ending");
            }
            return;
        }
        if (records.cancellationOf(orderId).isPresent()) {
            ignore(event, orderId, "already-cancelled");
            return;
        }
        var latest = journeys.latest(event.tenantId(), orderId);
        String outcome;
        int cycle;
        if (latest.isEmpty()) {
            outcome = "CANCELLED";
            cycle = 1;
        } else if (journeys.requestedNextCycle(latest.get().getId())) {
            outcome = "CANCELLED_AFTER_SHIPMENT";
            cycle = journeys.cycleOf(latest.get().getId()) + 1;
        } else {
            ignore(event, orderId, "journey-ended");
            return;
        }
        records.recordCancellation(event, orderId, outcome);
        outbox.append(SCHEMA, orderId, event.tenantId(), new JourneyEnded(orderId, cycle, null, null, outcome, true));
        metrics.journeyEnded(outcome);
        log.info("cancelled before cycle {} started: the journey ended {}", cycle, outcome);
    }

    /** After shipment a cancel request stops future cycles only; the cycle remembers that it shipped. */
    private void markShipped(DomainEvent event, String orderId) {
        var running = journeys.running(event.tenantId(), orderId);
        if (running.isEmpty()) {
            requireKnown(event, orderId);
            ignore(event, orderId, "journey-ended");
        } else if (earlierCycle(event, running.get())) {
            ignore(event, orderId, "earlier-cycle");
        } else {
            runtime.setVariable(running.get().getId(), SHIPPED, true);
        }
    }

    /**
     * A partner event: correlated when the running cycle waits for it, buffered when the cycle will wait for it
     * later (already buffered: left there), recorded when it belongs to an ended journey or an earlier cycle.
     */
    private Delivery deliver(DomainEvent event, String orderId, boolean buffered) {
        var running = journeys.running(event.tenantId(), orderId);
        if (running.isEmpty()) {
            requireKnown(event, orderId);
            ignore(event, orderId, "journey-ended");
            return Delivery.IGNORED;
        }
        ProcessInstance instance = running.get();
        if (earlierCycle(event, instance)) {
            ignore(event, orderId, "earlier-cycle");
            return Delivery.IGNORED;
        }
        // Read in this order: the worker records the visit id in the same commit that makes the cycle wait for the
        // visit. Once that commit is seen, a cycle that does not wait has passed the wait; asked the other way round,
        // the commit could fall between the two reads and a cycle's first visit.completed be taken for a duplicate
        // (the bench's zero-latency partner answers that fast; the cycle then waited for its visit SLA).
        boolean ownVisit = ownVisit(event, instance);
        if (journeys.waitsFor(instance.getId(), event.type())) {
            correlate(event, instance, variablesOf(event));
            return Delivery.CORRELATED;
        }
        if (ownVisit) {
            ignore(event, orderId, "duplicate");
            return Delivery.IGNORED;
        }
        if (!buffered) {
            records.buffer(event, orderId);
            log.info("{} {} arrived before its cycle waits for it: buffered", event.type(), event.id());
        }
        return Delivery.BUFFERED;
    }

    /** An order the engine never started a cycle of, nor saw cancelled: the event is dead-lettered for staff. */
    private void requireKnown(DomainEvent event, String orderId) {
        if (journeys.latest(event.tenantId(), orderId).isEmpty() && records.cancellationOf(orderId).isEmpty()) {
            throw new IllegalStateException(event.type() + " " + event.id() + " names an order with no journey");
        }
    }

    /**
     * Whether the event names another visit or prescription than the running cycle's: a late or duplicated event
     * of an earlier cycle. A shipment event always names a prescription, which the cycle records before anything
     * ships, so a cycle without one is not the event's either.
     */
    private boolean earlierCycle(DomainEvent event, ProcessInstance instance) {
        String variable = REFERENCE.get(event.type());
        String reference = variable == null ? null : reference(EventCatalog.read(event));
        if (reference == null) {
            return false;
        }
        Object current = journeys.variable(instance.getId(), variable);
        if (current == null) {
            return "rxId".equals(variable);
        }
        return !Objects.equals(reference, current.toString());
    }

    /**
     * Whether the event is a {@code visit.completed} for the cycle's own visit (its visit id recorded). If the cycle
     * does not wait for it, it has already passed the wait: the cycle starts waiting in the same step that records
     * the visit id, so the event is a duplicate webhook.
     */
    private boolean ownVisit(DomainEvent event, ProcessInstance instance) {
        String visitId = EventCatalog.read(event) instanceof VisitCompleted visit ? visit.visitId() : null;
        return visitId != null
                && visitId.equals(String.valueOf(journeys.variable(instance.getId(), "visitId")));
    }

    private static Map<String, Object> variablesOf(DomainEvent event) {
        EventData data = EventCatalog.read(event);
        if (data instanceof VisitCompleted visit) {
            return Map.of(VISIT_OUTCOME, String.valueOf(visit.outcome()));
        }
        if (data instanceof ShipmentDelivered delivered) {
            return Map.of(TRACKING_NUMBER, String.valueOf(delivered.trackingNumber()));
        }
        return Map.of();
    }

    /** The visit or prescription a partner event names, which tells its cycle. */
    private static String reference(EventData data) {
        if (data instanceof VisitCompleted visit) {
            return visit.visitId();
        }
        if (data instanceof ShipmentShipped shipped) {
            return shipped.rxId();
        }
        if (data instanceof ShipmentDelivered delivered) {
            return delivered.rxId();
        }
        if (data instanceof ShipmentException exception) {
            return exception.rxId();
        }
        return null;
    }

    /**
     * What starting a cycle needs, from {@code order.created} (the first cycle, at the first dose step) or
     * {@code order.cycle-due} (a later one).
     */
    private record CycleRequest(int cycle, String therapy, String stateCode, String costTier, String paymentToken,
            int doseStep, Integer cyclesBought) {

        static CycleRequest of(EventData data) {
            if (data instanceof OrderCreated created) {
                return new CycleRequest(firstIfNone(created.cycle()), created.therapy(), created.stateCode(), created.costTier(),
                        created.paymentToken(), 1, created.cyclesBought());
            }
            if (data instanceof OrderCycleDue due) {
                return new CycleRequest(firstIfNone(due.cycle()), due.therapy(), due.stateCode(), due.costTier(),
                        due.paymentToken(), due.doseStep(), due.cyclesBought());
            }
            throw new IllegalArgumentException(data.eventType() + " requests no cycle");
        }

        private static int firstIfNone(Integer cycle) {
            return cycle == null ? 1 : cycle;
        }
    }

    private void correlate(DomainEvent event, ProcessInstance instance, Map<String, Object> variables) {
        // The instance was found within the event's tenant; naming it is enough (the engine refuses both).
        runtime.createMessageCorrelation(event.type())
                .processInstanceId(instance.getId())
                .setVariables(variables)
                .correlateWithResult();
        log.info("{} {} correlated", event.type(), event.id());
    }

    private void ignore(DomainEvent event, String orderId, String reason) {
        records.ignore(event, orderId, reason);
        log.info("{} {} recorded, not applied: {}", event.type(), event.id(), reason);
    }
}
