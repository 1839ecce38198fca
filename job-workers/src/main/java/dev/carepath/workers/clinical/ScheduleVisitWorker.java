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
 * patient's state. The network answers later with a {@code visit.completed} webhook.
 */
@Component
@ExternalTaskSubscription(topicName = ScheduleVisitWorker.TOPIC,
        variableNames = {"cycle", "providerNetwork", "stateCode", "therapy"})
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
        var earlier = visits.visitIdOf(tenantId, orderId, cycle);
        if (earlier.isPresent()) {
            return Map.of("visitId", earlier.get());
        }
        String stateCode = task.getVariable("stateCode");
        var booking = telehealth.scheduleVisit(new VisitRequest(task.getVariable("providerNetwork"),
                tenantId + ":" + orderId + ":" + cycle + ":visit", orderId, stateCode, task.getVariable("therapy")));
        visits.recordScheduled(tenantId, orderId, cycle, stateCode, booking);
        return Map.of("visitId", booking.visitId());
    }
}
