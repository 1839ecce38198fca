package dev.carepath.workers.clinical;

import dev.carepath.contracts.events.data.PhiAccessed;
import dev.carepath.eventing.Outbox;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The audit trail of PHI reads: every read of a sealed clinical field publishes
 * {@code clinical.phi-accessed} (who, what, when, purpose) through the clinical outbox, in the read's
 * own transaction, so no read goes unrecorded. The event names the record and fields, never a value.
 */
@Component
class PhiAccessLog {

    private final Outbox outbox;

    PhiAccessLog(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Records a read. Call it in the tenant transaction that opened the values.
     *
     * @param record   what was read, e.g. {@code "prescription"}
     * @param recordId its id
     * @param fields   which PHI fields were opened
     * @param accessor who read: a service and task ({@code job-workers/submit-erx}) or a machine client id
     * @param purpose  why, e.g. {@code erx-transmission}
     */
    void read(String tenantId, String orderId, String record, String recordId, List<String> fields,
            String accessor, String purpose) {
        outbox.append(PrescriptionStore.SCHEMA, orderId, tenantId,
                new PhiAccessed(orderId, record, recordId, fields, accessor, purpose));
    }
}
