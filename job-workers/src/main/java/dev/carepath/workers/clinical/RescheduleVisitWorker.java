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
 * {@code reschedule-visit}: the visit was not completed within its SLA; books it once more with the same
 * network (key {@code tenant:order:cycle:visit:rescheduled}, so a re-run books once) and tells the process
 * it was rescheduled, so a second overdue visit goes to care ops.
 */
@Component
@ExternalTaskSubscription(topicName = RescheduleVisitWorker.TOPIC,
        variableNames = {"cycle", "providerNetwork", "stateCode", "therapy", JourneyTask.TRACEPARENT})
public class RescheduleVisitWorker extends JourneyTask {

    static final String TOPIC = "reschedule-visit";

    private final TelehealthNetwork telehealth;
    private final Visits visits;

    RescheduleVisitWorker(TelehealthNetwork telehealth, Visits visits, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.telehealth = telehealth;
        this.visits = visits;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        var booking = telehealth.scheduleVisit(new VisitRequest(task.getVariable("providerNetwork"),
                tenantId + ":" + orderId + ":" + cycle + ":visit:rescheduled", orderId, task.getVariable("stateCode"),
                task.getVariable("therapy")));
        visits.recordRescheduled(tenantId, orderId, cycle, booking);
        return Map.of("visitId", booking.visitId(), "visitRescheduled", true);
    }
}
