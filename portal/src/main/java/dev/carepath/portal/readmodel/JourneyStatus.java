package dev.carepath.portal.readmodel;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.JourneyCompleted;
import dev.carepath.contracts.events.data.JourneyEnded;
import dev.carepath.contracts.events.data.PaymentDeclined;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The journey status an event announces, with its rank within a cycle. Terminal outcomes outrank everything; a
 * later cycle's status replaces an earlier cycle's; within a cycle a status only changes to one of a higher rank,
 * and between equal ranks the later event wins ({@link JourneyProjection} applies this order).
 */
record JourneyStatus(String name, int rank) {

    static final String RECEIVED = "RECEIVED";
    /** The programme's end: the last cycle bought ran to its end. Terminal. */
    static final String COMPLETED = "COMPLETED";
    /** A cycle ran to its end and the next refill cycle follows on its own. */
    static final String CYCLE_COMPLETED = "CYCLE_COMPLETED";
    static final int TERMINAL = 200;
    /** Below every real status: a journey known only from events that carry no status. */
    static final JourneyStatus NONE = new JourneyStatus(RECEIVED, -1);

    private static final Map<String, JourneyStatus> BY_TYPE = Map.ofEntries(
            Map.entry(EventTypes.ORDER_CREATED, new JourneyStatus(RECEIVED, 0)),
            Map.entry(EventTypes.JOURNEY_STARTED, new JourneyStatus("STARTED", 10)),
            Map.entry(EventTypes.PAYMENT_CAPTURED, new JourneyStatus("PAID", 20)),
            Map.entry(EventTypes.VISIT_SCHEDULED, new JourneyStatus("VISIT_SCHEDULED", 30)),
            Map.entry(EventTypes.VISIT_COMPLETED, new JourneyStatus("VISIT_COMPLETED", 40)),
            Map.entry(EventTypes.RX_RECORDED, new JourneyStatus("PRESCRIBED", 50)),
            Map.entry(EventTypes.RX_SUBMITTED, new JourneyStatus("RX_SUBMITTED", 60)),
            Map.entry(EventTypes.RX_DISPENSED, new JourneyStatus("DISPENSED", 65)),
            Map.entry(EventTypes.SHIPMENT_SHIPPED, new JourneyStatus("SHIPPED", 70)),
            Map.entry(EventTypes.SHIPMENT_DELIVERED, new JourneyStatus("DELIVERED", 80)),
            Map.entry(EventTypes.JOURNEY_COMPLETED, new JourneyStatus(CYCLE_COMPLETED, 100)),
            Map.entry(EventTypes.PAYMENT_DECLINED, new JourneyStatus("PAYMENT_DECLINED", TERMINAL)));

    /** The statuses of the event types that name one, by rank, then the ends. */
    static List<String> names() {
        List<String> names = new ArrayList<>(BY_TYPE.values().stream()
                .sorted(Comparator.comparingInt(JourneyStatus::rank)).map(JourneyStatus::name).distinct()
                .toList());
        names.add(COMPLETED);
        names.add("CANCELLED");
        names.add("ENDED");
        return List.copyOf(names);
    }

    /**
     * The status {@code event} announces, or empty for event types that carry none. A refill's declined charge
     * (cycle 2 on) is no end of its own: it is retried after the dunning wait, and the journey ends with
     * {@code journey.ended} {@code PAYMENT_DECLINED} if that fails too. The last cycle bought ends the programme:
     * {@code journey.completed} with {@code programmeCompleted} is the terminal {@code COMPLETED}; any other cycle's
     * {@code journey.completed} is {@code CYCLE_COMPLETED}, so that an agent waiting for {@code COMPLETED} waits for
     * the whole programme.
     */
    static Optional<JourneyStatus> of(DomainEvent event) {
        EventData data = EventCatalog.find(event).orElse(null);
        if (data instanceof JourneyEnded ended) {
            return Optional.of(new JourneyStatus(outcome(ended.outcome()), TERMINAL));
        }
        if (data instanceof PaymentDeclined declined && declined.cycle() != null && declined.cycle() > 1) {
            return Optional.empty();
        }
        if (data instanceof JourneyCompleted completed && Boolean.TRUE.equals(completed.programmeCompleted())) {
            return Optional.of(new JourneyStatus(COMPLETED, TERMINAL));
        }
        return Optional.ofNullable(BY_TYPE.get(event.type()));
    }

    /** {@code journey.ended}'s outcome as a status name: upper-case letters, digits and '_' only. */
    private static String outcome(String outcome) {
        if (outcome == null || outcome.isBlank()) {
            return "ENDED";
        }
        String name = outcome.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return name.length() > 40 ? name.substring(0, 40) : name;
    }
}
