package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.TelehealthNetwork;
import dev.carepath.connectors.telehealth.VisitRequest;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code schedule-visit}: books the visit with the provider network the routing decision chose, for the
 * patient's state. The network answers later with a {@code visit.completed} webhook. When care ops assigned
 * another network to the cycle, the visit is booked there and replaces the earlier one.
 */
@Component
@ExternalTaskSubscription(topicName = ScheduleVisitWorker.TOPIC,
        variableNames = {"cycle", "providerNetwork", "stateCode", "therapy", JourneyTask.TRACEPARENT})
public class ScheduleVisitWorker extends JourneyTask {

    static final String TOPIC = "schedule-visit";

    private final TelehealthNetwork telehealth;
    private final Visits visits;

    ScheduleVisitWorker(TelehealthNetwork telehealth, Visits visits, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.telehealth = telehealth;
        this.visits = visits;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        String network = task.getVariable("providerNetwork");
        var earlier = visits.visitIdOf(tenantId, orderId, cycle, network);
        if (earlier.isPresent()) {
            return Map.of("visitId", earlier.get());
        }
        String stateCode = task.getVariable("stateCode");
        // After care ops assigned another network, the cycle's visit moves there (its own idempotency key).
        boolean moved = visits.hasVisit(tenantId, orderId, cycle);
        String key = tenantId + ":" + orderId + ":" + cycle + ":visit" + (moved ? ":" + network : "");
        var booking = telehealth.scheduleVisit(new VisitRequest(network, key, orderId, stateCode,
                task.getVariable("therapy")));
        if (moved) {
            visits.recordRescheduled(tenantId, orderId, cycle, booking);
        } else {
            visits.recordScheduled(tenantId, orderId, cycle, stateCode, booking);
        }
        return Map.of("visitId", booking.visitId());
    }
}
