package dev.carepath.portal.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MilestoneTest {

    private static DomainEvent event(String type, Map<String, Object> data) {
        return new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/carepath/engine"), "agg", "t", 1,
                OffsetDateTime.now(), null, data);
    }

    @Test
    void eachMilestoneEventMakesItsWebhookType() {
        assertThat(Milestone.of(event(EventTypes.JOURNEY_STARTED, Map.of("orderId", "o", "cycle", 2))))
                .contains(new Milestone("journey.started", "STARTED", null, 2));
        assertThat(Milestone.of(event(EventTypes.PAYMENT_CAPTURED, Map.of("cycle", 1)))).get()
                .extracting(Milestone::type).isEqualTo("journey.paid");
        assertThat(Milestone.of(event(EventTypes.VISIT_COMPLETED, Map.of("outcome", "PRESCRIBED"))))
                .contains(new Milestone("journey.visit-completed", "VISIT_COMPLETED", "PRESCRIBED", null));
        assertThat(Milestone.of(event(EventTypes.RX_RECORDED, Map.of()))).get().extracting(Milestone::type)
                .isEqualTo("journey.prescribed");
        assertThat(Milestone.of(event(EventTypes.SHIPMENT_SHIPPED, Map.of()))).get().extracting(Milestone::type)
                .isEqualTo("journey.shipped");
        assertThat(Milestone.of(event(EventTypes.SHIPMENT_DELIVERED, Map.of()))).get().extracting(Milestone::type)
                .isEqualTo("journey.delivered");
        assertThat(Milestone.of(event(EventTypes.JOURNEY_COMPLETED, Map.of("cycle", 1, "outcome", "COMPLETED"))))
                .contains(new Milestone("journey.cycle-completed", "CYCLE_COMPLETED", "COMPLETED", 1));
        assertThat(Milestone.of(event(EventTypes.JOURNEY_COMPLETED, Map.of("cycle", 2, "outcome", "COMPLETED",
                "programmeCompleted", true))))
                .as("the last cycle bought: the programme's end")
                .contains(new Milestone("journey.cycle-completed", "COMPLETED", "COMPLETED", 2));
    }

    @Test
    void anEndIsACancellationOrAnEndWithItsOutcome() {
        assertThat(Milestone.of(event(EventTypes.JOURNEY_ENDED, Map.of("outcome", "CANCELLED"))))
                .contains(new Milestone("journey.cancelled", "CANCELLED", "CANCELLED", null));
        assertThat(Milestone.of(event(EventTypes.JOURNEY_ENDED, Map.of("outcome", "CANCELLED_AFTER_SHIPMENT"))))
                .get().extracting(Milestone::type).isEqualTo("journey.cancelled");
        assertThat(Milestone.of(event(EventTypes.JOURNEY_ENDED, Map.of("outcome", "PAYMENT_DECLINED", "cycle", 1))))
                .contains(new Milestone("journey.ended", "PAYMENT_DECLINED", "PAYMENT_DECLINED", 1));
    }

    @Test
    void anOpenedIncidentNamesTheStepAndTheTypeButNotTheEnginesMessage() {
        assertThat(Milestone.of(event(EventTypes.JOURNEY_INCIDENT_OPENED, Map.of("cycle", 2, "activityId",
                "Task_SubmitERx", "incidentType", "failedExternalTask", "incidentId", "inc-1",
                "message", "pharmacy said: no"))))
                .contains(new Milestone("journey.incident-opened", "INCIDENT", null, 2,
                        Map.of("activityId", "Task_SubmitERx", "incidentType", "failedExternalTask")));
        assertThat(Milestone.SOURCES).contains(EventTypes.JOURNEY_INCIDENT_OPENED);
    }

    @Test
    void otherEventsMakeNone() {
        for (String type : new String[] {EventTypes.ORDER_CREATED, EventTypes.PHI_ACCESSED, EventTypes.NOTIFICATION_SENT,
                EventTypes.RX_SUBMITTED, EventTypes.PAYMENT_REFUNDED,
                // No status of the journey: their results reach the tenant as journey.ended (ineligible, not offered)
                // or journey.paid (qualified, titrated), and GET /v1/journeys/{id} shows them in the timeline.
                EventTypes.PATIENT_QUALIFIED, EventTypes.ORDER_TITRATED}) {
            assertThat(Milestone.of(event(type, Map.of()))).as(type).isEmpty();
            assertThat(Milestone.SOURCES).doesNotContain(type);
        }
    }
}
