package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.FollowUpRequest;
import dev.carepath.connectors.telehealth.TelehealthNetwork;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code hold-follow-up-visit}: in a later cycle, instead of the intake, the prescriber who treated the patient
 * checks in on the current dose. Only whether it is tolerated goes back to the process (the titration table's
 * input); the visit itself stays in the clinical store.
 */
@Component
@ExternalTaskSubscription(topicName = HoldFollowUpVisitWorker.TOPIC, variableNames = {"cycle", "therapy", "doseStep", JourneyTask.TRACEPARENT})
class HoldFollowUpVisitWorker extends JourneyTask {

    static final String TOPIC = "hold-follow-up-visit";

    private final TelehealthNetwork telehealth;
    private final FollowUps followUps;

    HoldFollowUpVisitWorker(TelehealthNetwork telehealth, FollowUps followUps, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.telehealth = telehealth;
        this.followUps = followUps;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        var earlier = followUps.toleratedAt(tenantId, orderId, cycle);
        if (earlier.isPresent()) {
            return Map.of("tolerated", earlier.get());
        }
        String network = followUps.networkBefore(tenantId, orderId, cycle)
                .orElseThrow(() -> new IllegalStateException("no earlier visit to follow up"));
        int doseStep = task.<Integer>getVariable("doseStep");
        var finding = telehealth.holdFollowUp(new FollowUpRequest(network,
                tenantId + ":" + orderId + ":" + cycle + ":follow-up", orderId, task.getVariable("therapy"), doseStep));
        followUps.record(tenantId, orderId, cycle, doseStep, finding);
        return Map.of("tolerated", finding.tolerated());
    }
}
