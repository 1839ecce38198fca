package dev.carepath.engine.journey;

import static dev.carepath.engine.journey.JourneyVariables.DOSE_STEP;
import static dev.carepath.engine.journey.JourneyVariables.TITRATION;
import static dev.carepath.engine.journey.JourneyVariables.WEEKS_TO_NEXT_FOLLOW_UP;

import java.util.Map;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Turns the titration decision's result ({@code ${journeyCycles.applyTitration(execution)}}, end listener
 * of "Decide next dose") into the flat routing facts the rest of the cycle and the next one use: the dose
 * step and the weeks to the next follow-up. The decision's result map itself does not stay in the process.
 */
@Component("journeyCycles")
public class JourneyCycles {

    public void applyTitration(DelegateExecution execution) {
        Object result = execution.getVariable(TITRATION);
        if (!(result instanceof Map<?, ?> titration)) {
            throw new IllegalStateException("the titration decision gave no single result");
        }
        execution.setVariable(DOSE_STEP, ((Number) titration.get("nextDoseStep")).intValue());
        execution.setVariable(WEEKS_TO_NEXT_FOLLOW_UP, ((Number) titration.get("weeksToNextFollowUp")).intValue());
        execution.removeVariable(TITRATION);
    }
}
