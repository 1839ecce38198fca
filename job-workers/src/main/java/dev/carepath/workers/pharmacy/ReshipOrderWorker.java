package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.Reship;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code reship-order}: the carrier lost or damaged the parcel; asks the pharmacy that filled the cycle's eRx
 * to ship it again (message id {@code reship:<Rx id>}, so a re-run ships once) and tells the process it was
 * reshipped, so a second exception goes to care ops.
 */
@Component
@ExternalTaskSubscription(topicName = ReshipOrderWorker.TOPIC, variableNames = {"cycle", JourneyTask.TRACEPARENT})
public class ReshipOrderWorker extends JourneyTask {

    static final String TOPIC = "reship-order";

    private final ErxNetwork erx;
    private final ErxSubmissions submissions;

    ReshipOrderWorker(ErxNetwork erx, ErxSubmissions submissions, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.erx = erx;
        this.submissions = submissions;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        var rx = submissions.submittedFor(task.getTenantId(), task.getBusinessKey(), task.<Integer>getVariable("cycle"))
                .orElseThrow(() -> new IllegalStateException("no submitted eRx to reship"));
        erx.reship(new Reship(rx.pharmacy(), "reship:" + rx.rxId(), rx.rxId()));
        return Map.of("reshipped", true);
    }
}
