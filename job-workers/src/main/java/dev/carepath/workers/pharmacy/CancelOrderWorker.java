package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.erx.CancelRx;
import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code cancel-order}: releases what the cycle reserved at the pharmacy. If an eRx was submitted, sends a
 * CancelRx (message id {@code cancel:<Rx id>}, so a re-run cancels once); a pharmacy that already dispensed
 * denies it, which is recorded and not an error: the cycle's money is refunded either way. A cycle that
 * never reached the pharmacy has nothing to cancel there.
 */
@Component
@ExternalTaskSubscription(topicName = CancelOrderWorker.TOPIC, variableNames = {"cycle", JourneyTask.TRACEPARENT})
public class CancelOrderWorker extends JourneyTask {

    static final String TOPIC = "cancel-order";
    static final String CANCELLED = "cancelled";

    private final ErxNetwork erx;
    private final ErxSubmissions submissions;

    CancelOrderWorker(ErxNetwork erx, ErxSubmissions submissions, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.erx = erx;
        this.submissions = submissions;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        var submitted = submissions.submittedFor(tenantId, orderId, cycle);
        if (submitted.isEmpty()) {
            return Map.of("orderCancellation", "nothing-at-pharmacy");
        }
        var rx = submitted.get();
        var earlier = submissions.cancellationStatusOf(tenantId, rx.rxId());
        if (earlier.isPresent()) {
            return Map.of("orderCancellation", earlier.get());
        }
        String status;
        try {
            status = erx.cancelRx(new CancelRx(rx.pharmacy(), "cancel:" + rx.rxId(), rx.rxId(), "order cancelled"))
                    .status();
        } catch (PartnerRejectedException denied) {
            if (!ErxNetwork.CANCEL_DENIED.equals(denied.code())) {
                throw denied;
            }
            status = "denied:" + denied.reason();
        }
        submissions.recordCancellation(tenantId, orderId, cycle, rx, status == null ? CANCELLED : status);
        return Map.of("orderCancellation", status == null ? CANCELLED : status);
    }
}
