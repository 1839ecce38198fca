package dev.carepath.workers.clinical.api;

import java.util.List;
import java.util.Optional;

/**
 * An order's intake, read by the capabilities that need a few of its fields (eligibility the inputs of its table,
 * notifications where to reach the patient). Every read is audited ({@code clinical.phi-accessed}, naming the
 * reader, the purpose and the fields) in the read's own transaction.
 */
public interface Intakes {

    /**
     * The order's intake, if the agent sent one; the read is recorded in the audit trail.
     *
     * @param accessor who reads (service and task, e.g. {@code job-workers/notify-patient})
     * @param purpose  why, e.g. {@code patient-notification}
     * @param fields   the fields the reader will use
     */
    Optional<Intake> of(String tenantId, String orderId, String accessor, String purpose, List<String> fields);

    /**
     * The order's intake for the eligibility evaluation, like {@link #of}, and from this read on it can no
     * longer be replaced: a submission that waited for this transaction, and every later one, is refused.
     */
    Optional<Intake> forEvaluation(String tenantId, String orderId, String accessor, String purpose,
            List<String> fields);
}
