package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.NewRx;
import dev.carepath.workers.clinical.api.Prescriptions;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code submit-erx}: sends the NewRx to the pharmacy the routing decision chose, with the Rx id as the
 * message id. The pharmacy answers later with shipment webhooks. A pharmacy that sends the prescription back
 * (out of stock, an invalid prescriber NPI) is the model's {@code ERX_REJECTED} error, which a pharmacist
 * resolves; nothing is recorded, so a resubmission to another pharmacy sends the same Rx id there.
 */
@Component
@ExternalTaskSubscription(topicName = SubmitErxWorker.TOPIC,
        variableNames = {"cycle", "rxId", "pharmacy", "stateCode", JourneyTask.TRACEPARENT})
public class SubmitErxWorker extends JourneyTask {

    static final String TOPIC = "submit-erx";

    private final ErxNetwork erx;
    private final Prescriptions prescriptions;
    private final ErxSubmissions submissions;

    SubmitErxWorker(ErxNetwork erx, Prescriptions prescriptions, ErxSubmissions submissions, RetryPolicy retries) {
        super(TOPIC, Set.of(ErxNetwork.ERX_REJECTED), retries);
        this.erx = erx;
        this.prescriptions = prescriptions;
        this.submissions = submissions;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String rxId = task.getVariable("rxId");
        var earlier = submissions.pharmacyPrescriptionIdOf(tenantId, rxId);
        if (earlier.isPresent()) {
            return Map.of("pharmacyPrescriptionId", earlier.get());
        }
        var rx = prescriptions.forTransmission(tenantId, rxId);
        var receipt = erx.submitNewRx(new NewRx(task.getVariable("pharmacy"), rxId, rx.orderId(),
                task.getVariable("stateCode"), rx.medication(), rx.doseMg(), rx.quantity(), rx.directions(),
                rx.prescriberNpi()));
        submissions.recordSubmitted(tenantId, rx.orderId(), task.<Integer>getVariable("cycle"), rxId, receipt);
        return Map.of("pharmacyPrescriptionId", receipt.pharmacyPrescriptionId());
    }
}
