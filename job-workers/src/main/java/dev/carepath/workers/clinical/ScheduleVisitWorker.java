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
 * {@code schedule-visit}: books the visit with the provider network the routing decision chose, for the
 * patient's state. The network answers later with a {@code visit.completed} webhook. When care ops assigned
 * another network to the cycle, the visit is booked there and replaces the earlier one.
 */
@Component
@ExternalTaskSubscription(topicName = ScheduleVisitWorker.TOPIC,
        variableNames = {"cycle", "providerNetwork", "stateCode", "therapy", JourneyTask.TRACEPARENT})
class ScheduleVisitWorker extends JourneyTask {

    static final String TOPIC = "schedule-visit";

    private final VisitBooker booker;
    private final VisitStore visits;

    ScheduleVisitWorker(VisitBooker booker, VisitStore visits, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.booker = booker;
        this.visits = visits;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        VisitCycle visit = VisitCycle.of(task);
        var earlier = visits.visitIdOf(visit.tenantId(), visit.orderId(), visit.cycle(), visit.network());
        if (earlier.isPresent()) {
            return Map.of("visitId", earlier.get());
        }
        // After care ops assigned another network, the cycle's visit moves there (its own idempotency key).
        boolean moved = visits.hasVisit(visit.tenantId(), visit.orderId(), visit.cycle());
        var booking = booker.book(visit, moved ? ":" + visit.network() : "");
        if (moved) {
            visits.recordRescheduled(visit.tenantId(), visit.orderId(), visit.cycle(), booking);
        } else {
            visits.recordScheduled(visit.tenantId(), visit.orderId(), visit.cycle(), visit.stateCode(), booking);
        }
        return Map.of("visitId", booking.visitId());
    }
}
