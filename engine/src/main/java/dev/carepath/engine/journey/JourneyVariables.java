package dev.carepath.engine.journey;

/**
 * Names of the process variables of {@code patient-journey}. Variables hold references and routing
 * facts only: never names, contact data, dates of birth, intake answers or clinical text.
 */
public final class JourneyVariables {

    public static final String PROCESS_KEY = "patient-journey";

    public static final String ORDER_ID = "orderId";
    public static final String TENANT_ID = "tenantId";
    public static final String CYCLE = "cycle";
    public static final String THERAPY = "therapy";
    public static final String STATE_CODE = "stateCode";
    public static final String COST_TIER = "costTier";
    public static final String PAYMENT_TOKEN = "paymentToken";
    public static final String VISIT_OUTCOME = "visitOutcome";
    public static final String TRACKING_NUMBER = "trackingNumber";
    /** Dose step of this cycle (1-based, the titration table's step). */
    public static final String DOSE_STEP = "doseStep";
    /** Whether the patient tolerated the current dose (the follow-up visit's finding, a yes/no only). */
    public static final String TOLERATED = "tolerated";
    public static final String WEEKS_TO_NEXT_FOLLOW_UP = "weeksToNextFollowUp";
    /** The titration decision's result, flattened into {@link #DOSE_STEP} and {@link #WEEKS_TO_NEXT_FOLLOW_UP}. */
    static final String TITRATION = "titration";
    /** Cycles the order bought: the cycle of that number is the series' last (no cycle starts beyond it). */
    public static final String CYCLES_BOUGHT = "cyclesBought";
    /** The charge attempt of this cycle: 1, then 2 for the one dunning retry of a declined refill. */
    public static final String CHARGE_ATTEMPT = "chargeAttempt";
    /** Set once a shipment.shipped event arrived: a cancel then stops future cycles only. */
    public static final String SHIPPED = "shipped";

    private JourneyVariables() {
    }
}
