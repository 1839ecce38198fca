package dev.carepath.engine.journey;

import static dev.carepath.engine.journey.JourneyVariables.CHARGE_ATTEMPT;
import static dev.carepath.engine.journey.JourneyVariables.CYCLE;
import static dev.carepath.engine.journey.JourneyVariables.CYCLES_BOUGHT;
import static dev.carepath.engine.journey.JourneyVariables.DOSE_STEP;
import static dev.carepath.engine.journey.JourneyVariables.THERAPY;
import static dev.carepath.engine.journey.JourneyVariables.TITRATION;
import static dev.carepath.engine.journey.JourneyVariables.WEEKS_TO_NEXT_FOLLOW_UP;

import java.util.Map;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The cycle arithmetic of the model ({@code ${journeyCycles...}}): the titration decision's result flattened into
 * routing facts (end listener of "Decide next dose"), whether the order bought a cycle after this one (gateway
 * "More cycles bought?"), and the dunning of a declined refill (gateway "Refill not retried yet?", timer "Charge
 * retry due"). The counts come from the instance's variables and {@link JourneyProgrammes}, never from the model.
 */
@Component("journeyCycles")
public class JourneyCycles {

    private final JourneyProgrammes programmes;

    JourneyCycles(JourneyProgrammes programmes) {
        this.programmes = programmes;
    }

    public void applyTitration(DelegateExecution execution) {
        Object result = execution.getVariable(TITRATION);
        if (!(result instanceof Map<?, ?> titration)) {
            throw new IllegalStateException("the titration decision gave no single result");
        }
        execution.setVariable(DOSE_STEP, ((Number) titration.get("nextDoseStep")).intValue());
        execution.setVariable(WEEKS_TO_NEXT_FOLLOW_UP, ((Number) titration.get("weeksToNextFollowUp")).intValue());
        execution.removeVariable(TITRATION);
    }

    /** Whether the order bought a cycle after this one: otherwise this cycle ends the programme. */
    public boolean moreCyclesBought(DelegateExecution execution) {
        return cycle(execution) < cyclesBought(execution);
    }

    /** The cycles the order bought (an instance started without the variable gets the therapy's default). */
    public int cyclesBought(DelegateExecution execution) {
        return programmes.cyclesBought((String) execution.getVariable(THERAPY), execution.getVariable(CYCLES_BOUGHT));
    }

    /**
     * Whether a declined charge is tried again after the dunning wait: only a refill (the first cycle's decline
     * ends it at once: nothing was delivered yet), and only while attempts are left.
     */
    public boolean chargeRetryAllowed(DelegateExecution execution) {
        return cycle(execution) > 1 && chargeAttempt(execution) < programmes.refillChargeAttempts();
    }

    /** End of "Charge retry due": the next charge of the cycle is a new attempt (its own idempotency key). */
    public void nextChargeAttempt(DelegateExecution execution) {
        execution.setVariable(CHARGE_ATTEMPT, chargeAttempt(execution) + 1);
    }

    private static int cycle(DelegateExecution execution) {
        return ((Number) execution.getVariable(CYCLE)).intValue();
    }

    private static int chargeAttempt(DelegateExecution execution) {
        Object attempt = execution.getVariable(CHARGE_ATTEMPT);
        return attempt instanceof Number number ? number.intValue() : 1;
    }
}
