package dev.carepath.engine.journey;

import static dev.carepath.engine.journey.JourneyVariables.WEEKS_TO_NEXT_FOLLOW_UP;

import java.time.Duration;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The model's timer durations ({@code ${journeyTimers...}}), from configuration ({@code carepath.journey.*}),
 * so a demo can compress them without an edit to the model. Answers ISO 8601 durations.
 */
@Component("journeyTimers")
public class JourneyTimers {

    private final Settings settings;

    JourneyTimers(Settings settings) {
        this.settings = settings;
    }

    /** How long the journey waits for {@code visit.completed} before rescheduling (then care ops). */
    public String visitSla() {
        return settings.visitSla().toString();
    }

    /** How long the journey waits for {@code shipment.delivered} before care ops looks into it. */
    public String deliverySla() {
        return settings.deliverySla().toString();
    }

    /** How long a declined refill waits before its charge is tried again (the dunning wait). */
    public String chargeRetry() {
        return settings.chargeRetryAfter().toString();
    }

    /** Weeks to the next follow-up (titration schedule) times the configured length of a week. */
    public String followUp(DelegateExecution execution) {
        Object weeks = execution.getVariable(WEEKS_TO_NEXT_FOLLOW_UP);
        int count = weeks instanceof Number number ? number.intValue() : settings.firstFollowUpWeeks();
        return settings.followUpUnit().multipliedBy(Math.max(1, count)).toString();
    }

    /**
     * {@code carepath.journey.*}.
     *
     * @param visitSla           wait for the visit before it is rescheduled once, then handed to care ops
     * @param deliverySla        wait for delivery before care ops is asked to resolve it
     * @param followUpUnit       one week of the titration schedule (7 days in production; seconds in a demo)
     * @param firstFollowUpWeeks weeks from the first cycle to the first follow-up (every schedule starts
     *                           with 4 weeks on the initiation dose)
     * @param chargeRetryAfter   wait before a declined refill is charged again (3 days; seconds in a demo)
     */
    @ConfigurationProperties("carepath.journey")
    record Settings(
            @DefaultValue("72h") Duration visitSla,
            @DefaultValue("10d") Duration deliverySla,
            @DefaultValue("7d") Duration followUpUnit,
            @DefaultValue("4") int firstFollowUpWeeks,
            @DefaultValue("3d") Duration chargeRetryAfter) {
    }
}
