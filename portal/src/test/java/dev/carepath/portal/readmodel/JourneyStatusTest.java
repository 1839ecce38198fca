package dev.carepath.portal.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JourneyStatusTest {

    private static DomainEvent event(String type, String subject, Map<String, Object> data) {
        return new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/test"), subject, "acme-health", 1,
                OffsetDateTime.now(), null, data);
    }

    private static JourneyStatus statusOf(String type, Map<String, Object> data) {
        return JourneyStatus.of(event(type, UUID.randomUUID().toString(), data)).orElseThrow();
    }

    @Test
    void ranksTheHappyPathInJourneyOrder() {
        List<String> path = List.of(EventTypes.ORDER_CREATED, EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED,
                EventTypes.VISIT_SCHEDULED, EventTypes.VISIT_COMPLETED, EventTypes.RX_RECORDED,
                EventTypes.RX_SUBMITTED, EventTypes.SHIPMENT_SHIPPED, EventTypes.SHIPMENT_DELIVERED,
                EventTypes.JOURNEY_COMPLETED);
        List<JourneyStatus> statuses = path.stream().map(type -> statusOf(type, Map.of())).toList();
        assertThat(statuses).extracting(JourneyStatus::name).containsExactly("RECEIVED", "STARTED", "PAID",
                "VISIT_SCHEDULED", "VISIT_COMPLETED", "PRESCRIBED", "RX_SUBMITTED", "SHIPPED", "DELIVERED", "CYCLE_COMPLETED");
        assertThat(statuses).extracting(JourneyStatus::rank).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void terminalFailuresOutrankEverything() {
        assertThat(statusOf(EventTypes.PAYMENT_DECLINED, Map.of()))
                .isEqualTo(new JourneyStatus("PAYMENT_DECLINED", 200));
        assertThat(statusOf(EventTypes.JOURNEY_ENDED, Map.of("outcome", "failed")))
                .isEqualTo(new JourneyStatus("FAILED", 200));
        assertThat(statusOf(EventTypes.JOURNEY_ENDED, Map.of("outcome", "not-prescribed")).name())
                .isEqualTo("NOT_PRESCRIBED");
        assertThat(statusOf(EventTypes.JOURNEY_ENDED, Map.of()).name()).isEqualTo("ENDED");
        assertThat(statusOf(EventTypes.JOURNEY_COMPLETED, Map.of()).rank()).isLessThan(200);
    }

    @Test
    void aDeclinedRefillIsRetriedSoOnlyTheFirstCyclesDeclineAndTheProgrammesEndAreTerminal() {
        assertThat(JourneyStatus.of(event(EventTypes.PAYMENT_DECLINED, "x", Map.of("cycle", 3)))).isEmpty();
        assertThat(statusOf(EventTypes.PAYMENT_DECLINED, Map.of("cycle", 1)))
                .isEqualTo(new JourneyStatus("PAYMENT_DECLINED", 200));
        assertThat(statusOf(EventTypes.JOURNEY_COMPLETED, Map.of("cycle", 2, "outcome", "COMPLETED")))
                .as("one cycle completed, more to come").isEqualTo(new JourneyStatus("CYCLE_COMPLETED", 100));
        assertThat(statusOf(EventTypes.JOURNEY_COMPLETED, Map.of("cycle", 3, "programmeCompleted", true)))
                .isEqualTo(new JourneyStatus("COMPLETED", 200));
    }

    @Test
    void unknownTypesCarryNoStatus() {
        assertThat(JourneyStatus.of(event("notification.sent", "x", Map.of()))).isEmpty();
    }

    @Test
    void findsTheJourneyByOrderIdThenBySubject() {
        UUID order = UUID.randomUUID();
        assertThat(JourneyProjection.journeyIdOf(event("payment.captured", "charge-1", Map.of("orderId", order.toString()))))
                .contains(order);
        assertThat(JourneyProjection.journeyIdOf(event("order.created", order.toString(), Map.of()))).contains(order);
        assertThat(JourneyProjection.journeyIdOf(event("tenant.created", "acme-health", Map.of()))).isEmpty();
    }
}
