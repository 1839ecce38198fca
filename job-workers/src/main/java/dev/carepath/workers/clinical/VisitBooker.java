package dev.carepath.workers.clinical;

import dev.carepath.connectors.telehealth.TelehealthNetwork;
import dev.carepath.connectors.telehealth.VisitBooking;
import dev.carepath.connectors.telehealth.VisitRequest;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * Books a cycle's visit with a provider network, for the patient's state and therapy, under the idempotency key
 * {@code tenant:order:cycle:visit<suffix>}: the part {@code schedule-visit} and {@code reschedule-visit} share. Each
 * worker picks the suffix (so a re-run of the same booking books once) and records the booking its own way.
 */
@Component
class VisitBooker {

    private final TelehealthNetwork telehealth;

    VisitBooker(TelehealthNetwork telehealth) {
        this.telehealth = telehealth;
    }

    /** The cycle a visit task books for and the network routed or assigned to it, from the task's variables. */
    record VisitCycle(String tenantId, String orderId, int cycle, String network, String stateCode, String therapy) {

        static VisitCycle of(ExternalTask task) {
            return new VisitCycle(task.getTenantId(), task.getBusinessKey(), task.<Integer>getVariable("cycle"),
                    task.getVariable("providerNetwork"), task.getVariable("stateCode"), task.getVariable("therapy"));
        }
    }

    VisitBooking book(VisitCycle visit, String keySuffix) {
        String key = visit.tenantId() + ":" + visit.orderId() + ":" + visit.cycle() + ":visit" + keySuffix;
        return telehealth.scheduleVisit(new VisitRequest(visit.network(), key, visit.orderId(), visit.stateCode(),
                visit.therapy()));
    }
}
