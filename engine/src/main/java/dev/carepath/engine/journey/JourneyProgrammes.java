package dev.carepath.engine.journey;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * A therapy's programme, from configuration ({@code carepath.journey.programme.*}), never from the model: how many
 * cycles a subscription runs when the order names none (the titration schedule of {@code dmn/titration.dmn} up to
 * its maintenance dose, then maintenance refills), and how a declined refill is dunned. An order's own
 * {@code cyclesBought} (the agent's {@code cycles}) wins over the default.
 */
@Component
public class JourneyProgrammes {

    /** The most cycles one order can buy (the agent API's {@code cycles} is 1..24). */
    public static final int MAX_CYCLES = 24;

    private final Settings settings;

    JourneyProgrammes(Settings settings) {
        this.settings = settings;
    }

    /**
     * The cycles an order bought: its own {@code requested} count when it names one (1..{@value #MAX_CYCLES}),
     * else the therapy's default, else {@code fallback-cycles}, so no series runs without an end.
     */
    public int cyclesBought(String therapy, Object requested) {
        if (requested instanceof Number number && number.intValue() >= 1) {
            return Math.min(number.intValue(), MAX_CYCLES);
        }
        Integer configured = therapy == null ? null : settings.defaultCycles().get(therapy);
        return configured != null && configured >= 1 ? Math.min(configured, MAX_CYCLES) : settings.fallbackCycles();
    }

    /** Charge attempts of a declined refill before the series ends {@code PAYMENT_DECLINED} (1 = no retry). */
    int refillChargeAttempts() {
        return Math.max(1, settings.refillChargeAttempts());
    }

    /**
     * {@code carepath.journey.programme}.
     *
     * @param defaultCycles        cycles per therapy code when the order names none
     * @param fallbackCycles       cycles of a therapy without a default (one: never an open-ended series)
     * @param refillChargeAttempts charge attempts of a refill, the dunning retries included (2: one retry)
     */
    @ConfigurationProperties("carepath.journey.programme")
    record Settings(
            @DefaultValue Map<String, Integer> defaultCycles,
            @DefaultValue("1") int fallbackCycles,
            @DefaultValue("2") int refillChargeAttempts) {
    }
}
