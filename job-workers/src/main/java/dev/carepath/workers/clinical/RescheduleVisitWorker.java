package dev.carepath.workers.clinical;

import dev.carepath.workers.clinical.VisitBooker.VisitCycle;
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
class RescheduleVisitWorker extends JourneyTask {

    static final String TOPIC = "reschedule-visit";

    private final VisitBooker booker;
    private final VisitStore visits;

    RescheduleVisitWorker(VisitBooker booker, VisitStore visits, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.booker = booker;
        this.visits = visits;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        VisitCycle visit = VisitCycle.of(task);
        var booking = booker.book(visit, ":rescheduled");
        visits.recordRescheduled(visit.tenantId(), visit.orderId(), visit.cycle(), booking);
        return Map.of("visitId", booking.visitId(), "visitRescheduled", true);
    }
}
