package dev.carepath.contracts.events;

/** Event type names: {@code <aggregate>.<past-tense>}; the type is also the RabbitMQ routing key. */
public final class EventTypes {

    /** A client organization was provisioned. */
    public static final String TENANT_PROVISIONED = "tenant.provisioned";
    /** Staff moved a tenant to another payment processor or merchant account; applies from its next charged cycle. */
    public static final String TENANT_MERCHANT_CHANGED = "tenant.merchant-changed";
    /**
     * Retired: declared in the first catalog and never published. No service keeps a patient of its own (an order
     * names the tenant's {@code patientReference}, which events must not carry), so there is no first sighting of a
     * patient to announce. The schema stays (released schemas are never removed) and the name is reserved: it will
     * not be published with another meaning. Eligibility is announced by {@link #PATIENT_QUALIFIED}.
     */
    @Deprecated
    public static final String PATIENT_REGISTERED = "patient.registered";
    /**
     * The eligibility table judged an order's intake (job-workers, once per order): the outcome and the reason code,
     * never an input of the table (they are PHI).
     */
    public static final String PATIENT_QUALIFIED = "patient.qualified";
    public static final String ORDER_CREATED = "order.created";
    /** A cycle's follow-up is due: the orchestrator starts the next cycle (the journey engine publishes it). */
    public static final String ORDER_CYCLE_DUE = "order.cycle-due";
    /** The agent asked to cancel the order: the running cycle is cancelled (compensated before shipment). */
    public static final String ORDER_CANCEL_REQUESTED = "order.cancel-requested";
    /**
     * A later cycle's titration decision was taken: the dose step of this cycle and the weeks to the next follow-up
     * (the journey engine publishes it, once per cycle, in the transaction that sets them on the cycle).
     */
    public static final String ORDER_TITRATED = "order.titrated";
    public static final String JOURNEY_STARTED = "journey.started";
    public static final String JOURNEY_COMPLETED = "journey.completed";
    public static final String JOURNEY_ENDED = "journey.ended";
    /**
     * The engine opened an incident for a cycle: a task or job ran out of retries and waits for staff (Cockpit).
     * Names the activity and the incident type only, never the failure's message (it may quote partner data).
     */
    public static final String JOURNEY_INCIDENT_OPENED = "journey.incident-opened";
    public static final String PAYMENT_CAPTURED = "payment.captured";
    public static final String PAYMENT_DECLINED = "payment.declined";
    /** A cycle's charge was refunded (the compensation of the charge). */
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    public static final String VISIT_SCHEDULED = "visit.scheduled";
    public static final String VISIT_COMPLETED = "visit.completed";
    public static final String RX_RECORDED = "rx.recorded";
    public static final String RX_SUBMITTED = "rx.submitted";
    /** The pharmacy filled the prescription (NCPDP RxFill). */
    public static final String RX_DISPENSED = "rx.dispensed";
    /** The order was cancelled at the pharmacy (CancelRx sent; the status says whether it was in time). */
    public static final String RX_CANCELLED = "rx.cancelled";
    /** A journey notification was sent to the patient (template and channel only, never the address). */
    public static final String NOTIFICATION_SENT = "notification.sent";
    public static final String SHIPMENT_SHIPPED = "shipment.shipped";
    public static final String SHIPMENT_DELIVERED = "shipment.delivered";
    /** A message to the patient could not be sent. */
    public static final String NOTIFICATION_FAILED = "notification.failed";
    /** Clinical ops deployed a new version of a decision table (it passed its golden cases). */
    public static final String DECISION_DEPLOYED = "decision.deployed";
    /** A PHI field of the clinical store was read: who, what, when, purpose (the audit trail); never a value. */
    public static final String PHI_ACCESSED = "clinical.phi-accessed";
    /** A staff member retried a journey's engine incident from the staff console (who, which incident). */
    public static final String INCIDENT_RETRIED = "incident.retried";
    /** The carrier reported the parcel lost, damaged or returned. */
    public static final String SHIPMENT_EXCEPTION = "shipment.exception";

    private EventTypes() {
    }
}
