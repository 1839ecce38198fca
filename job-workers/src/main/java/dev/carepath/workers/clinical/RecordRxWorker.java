package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.TelehealthNetwork;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code record-rx}: fetches the prescription the provider wrote in the visit and records it in the
 * clinical store. Only the Rx id goes back to the process.
 */
@Component
@ExternalTaskSubscription(topicName = RecordRxWorker.TOPIC, variableNames = {"cycle", "providerNetwork", "visitId", JourneyTask.TRACEPARENT})
class RecordRxWorker extends JourneyTask {

    static final String TOPIC = "record-rx";

    private final TelehealthNetwork telehealth;
    private final PrescriptionStore prescriptions;

    RecordRxWorker(TelehealthNetwork telehealth, PrescriptionStore prescriptions, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.telehealth = telehealth;
        this.prescriptions = prescriptions;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String network = task.getVariable("providerNetwork");
        String visitId = task.getVariable("visitId");
        var earlier = prescriptions.rxIdOfVisit(tenantId, network, visitId);
        if (earlier.isPresent()) {
            return Map.of("rxId", earlier.get());
        }
        var details = telehealth.fetchPrescription(network, visitId);
        String rxId = prescriptions.record(tenantId, task.getBusinessKey(), task.<Integer>getVariable("cycle"), details);
        return Map.of("rxId", rxId);
    }
}
