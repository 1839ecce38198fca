package dev.carepath.portal.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.PortalIntegrationSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read model fed through the real broker: events published to the backbone's exchange the way the
 * relay puts them on the wire (the CloudEvents JSON envelope as body, content type
 * {@code application/json}, routing key and {@code eventType} header = type), including out-of-order and
 * duplicate deliveries. Each journey's first event, {@code order.created}, comes through the real outbox
 * and relay.
 */
class ReadModelIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    private DomainEvent event(String type, UUID journeyId, String tenant, int secondsAfterStart,
            Map<String, Object> data) {
        return BackboneEvents.event(type, journeyId, tenant, start.plusSeconds(secondsAfterStart), data);
    }

    private void publish(DomainEvent event) {
        new BackboneEvents(rabbit, codec).publish(event);
    }

    private JsonNode journey(UUID journeyId) {
        return get("/v1/journeys/" + journeyId).json();
    }

    private void awaitTimeline(UUID journeyId, String... types) {
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(journey(journeyId).path("timeline").findValuesAsText("type")).containsExactly(types));
    }

    @Test
    void statusPartnerIdsAndTimelineFollowTheEventsWhateverTheirArrivalOrder() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED);

        DomainEvent started = event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 10, Map.of());
        DomainEvent paid = event(EventTypes.PAYMENT_CAPTURED, journeyId, tenant, 20,
                Map.of("processor", "stripe-sim", "chargeId", "ch_1001", "cycle", 1));
        DomainEvent scheduled = event(EventTypes.VISIT_SCHEDULED, journeyId, tenant, 30,
                Map.of("providerNetwork", "northstar-health", "visitId", "vis-881"));
        DomainEvent notified = event("notification.sent", journeyId, tenant, 40, Map.of("channel", "email"));

        // Out of order: the payment overtakes the journey start; the payment is delivered twice.
        publish(paid);
        publish(started);
        publish(paid);
        publish(scheduled);
        publish(notified);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode view = journey(journeyId);
            assertThat(view.path("timeline").findValuesAsText("type")).containsExactly(EventTypes.ORDER_CREATED,
                    EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED, EventTypes.VISIT_SCHEDULED,
                    "notification.sent");
            assertThat(view.path("status").asText()).isEqualTo("VISIT_SCHEDULED");
            Map<String, String> partners = new LinkedHashMap<>();
            partners.put("processor", "stripe-sim");
            partners.put("chargeId", "ch_1001");
            partners.put("providerNetwork", "northstar-health");
            partners.put("visitId", "vis-881");
            assertThat(json.convertValue(view.path("partners"), Map.class)).containsExactlyEntriesOf(partners);
            assertThat(OffsetDateTime.parse(view.path("updatedAt").asText())).isEqualTo(notified.time());
        });
        assertThat(count("SELECT count(*) FROM read.journey_step WHERE journey_id = ?", journeyId)).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM read.processed_event WHERE event_id = ?::uuid", paid.id()))
                .isEqualTo(1);
    }

    /**
     * {@code patient.qualified} and {@code order.titrated} are steps of the journey's timeline but no status of
     * their own: the journey keeps the status it had, and the tenant hears of no milestone for them.
     */
    @Test
    void qualificationAndTitrationShowInTheTimelineAndChangeNoStatus() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED);

        // Published before the journey's start, which the tenant hears of: had they a webhook, it would come first.
        publish(event(EventTypes.PATIENT_QUALIFIED, journeyId, tenant, 20, Map.of("outcome", "eligible",
                "reasonCode", "ELIGIBLE_BMI_30", "decisionKey", "eligibility")));
        publish(event(EventTypes.ORDER_TITRATED, journeyId, tenant, 30, Map.of("cycle", 2, "doseStep", 2,
                "weeksToNextFollowUp", 4)));
        publish(event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 10, Map.of("cycle", 1)));

        awaitTimeline(journeyId, EventTypes.ORDER_CREATED, EventTypes.JOURNEY_STARTED, EventTypes.PATIENT_QUALIFIED,
                EventTypes.ORDER_TITRATED);
        JsonNode view = journey(journeyId);
        assertThat(view.path("status").asText()).isEqualTo("STARTED");
        assertThat(count("SELECT cycle FROM read.journey WHERE journey_id = ?", journeyId))
                .as("the latest cycle an event names, as the journey list shows it").isEqualTo(2);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.delivery WHERE journey_id = ?",
                journeyId) > 0);
        assertThat(jdbc.queryForList("SELECT type FROM callbacks.delivery WHERE journey_id = ? ORDER BY delivery_seq",
                String.class, journeyId)).containsExactly("journey.started");
    }

    private void awaitStatus(UUID journeyId, String status, int cycle) {
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode view = journey(journeyId);
            assertThat(view.path("status").asText()).isEqualTo(status);
            assertThat(view.path("cycle").asInt()).isEqualTo(cycle);
        });
    }

    /**
     * A refill shows where it stands, not the end of the cycle before it; a late event of the earlier cycle (a
     * partner's, naming no cycle) does not take it back; {@code COMPLETED} is the programme's end only, so that an
     * agent waiting for it waits for every cycle bought.
     */
    @Test
    void aRefillShowsItsOwnProgressAndOnlyTheProgrammesEndIsCompleted() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED);

        publish(event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 10, Map.of("cycle", 1)));
        publish(event(EventTypes.PAYMENT_CAPTURED, journeyId, tenant, 20, Map.of("cycle", 1)));
        publish(event(EventTypes.SHIPMENT_SHIPPED, journeyId, tenant, 70, Map.of("trackingNumber", "1Z-1")));
        DomainEvent deliveredFirst = event(EventTypes.SHIPMENT_DELIVERED, journeyId, tenant, 80, Map.of());
        publish(event(EventTypes.JOURNEY_COMPLETED, journeyId, tenant, 100, Map.of("cycle", 1,
                "outcome", "COMPLETED")));
        awaitStatus(journeyId, "CYCLE_COMPLETED", 1);

        publish(event(EventTypes.ORDER_CYCLE_DUE, journeyId, tenant, 105, Map.of("cycle", 2)));
        publish(event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 110, Map.of("cycle", 2)));
        publish(event(EventTypes.PAYMENT_CAPTURED, journeyId, tenant, 120, Map.of("cycle", 2)));
        awaitStatus(journeyId, "PAID", 2);

        // The first cycle's delivery, late (the carrier's webhook was retried): it ranks above PAID, but is older.
        publish(deliveredFirst);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED, EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED,
                EventTypes.SHIPMENT_SHIPPED, EventTypes.SHIPMENT_DELIVERED, EventTypes.JOURNEY_COMPLETED,
                EventTypes.ORDER_CYCLE_DUE, EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED);
        assertThat(journey(journeyId).path("status").asText()).isEqualTo("PAID");

        publish(event(EventTypes.SHIPMENT_DELIVERED, journeyId, tenant, 180, Map.of()));
        awaitStatus(journeyId, "DELIVERED", 2);
        publish(event(EventTypes.JOURNEY_COMPLETED, journeyId, tenant, 190, Map.of("cycle", 2,
                "outcome", "COMPLETED", "programmeCompleted", true)));
        awaitStatus(journeyId, "COMPLETED", 2);
        // A stray start after the end changes nothing.
        publish(event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 200, Map.of("cycle", 1)));
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED, EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED,
                EventTypes.SHIPMENT_SHIPPED, EventTypes.SHIPMENT_DELIVERED, EventTypes.JOURNEY_COMPLETED,
                EventTypes.ORDER_CYCLE_DUE, EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_CAPTURED,
                EventTypes.SHIPMENT_DELIVERED, EventTypes.JOURNEY_COMPLETED, EventTypes.JOURNEY_STARTED);
        assertThat(journey(journeyId).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("SELECT payload::jsonb -> 'data' ->> 'status' FROM callbacks.delivery WHERE journey_id = ?"
                + " AND type = 'journey.cycle-completed' ORDER BY delivery_seq", String.class, journeyId))
                .as("the tenant's webhooks name the statuses GET /v1/journeys/{id} shows")
                .containsExactly("CYCLE_COMPLETED", "COMPLETED");
    }

    @Test
    void aTerminalOutcomeIsNotUndoneByALateEvent() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED);

        publish(event(EventTypes.PAYMENT_DECLINED, journeyId, tenant, 20, Map.of("processor", "stripe-sim")));
        publish(event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 10, Map.of()));
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED, EventTypes.JOURNEY_STARTED, EventTypes.PAYMENT_DECLINED);
        assertThat(journey(journeyId).path("status").asText()).isEqualTo("PAYMENT_DECLINED");

        // Between terminal outcomes the later one wins: the saga's own end of the journey.
        publish(event(EventTypes.JOURNEY_ENDED, journeyId, tenant, 30, Map.of("outcome", "failed")));
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(journey(journeyId).path("status").asText()).isEqualTo("FAILED"));
    }

    @Test
    void eventsOfAnotherTenantDoNotTouchTheJourney() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED);

        publish(event(EventTypes.PAYMENT_DECLINED, journeyId, newTenant(), 10, Map.of()));
        DomainEvent own = event(EventTypes.JOURNEY_STARTED, journeyId, tenant, 20, Map.of());
        publish(own);

        awaitTimeline(journeyId, EventTypes.ORDER_CREATED, EventTypes.JOURNEY_STARTED);
        assertThat(journey(journeyId).path("status").asText()).isEqualTo("STARTED");
        assertThat(count("SELECT count(*) FROM read.journey_step WHERE journey_id = ?", journeyId)).isEqualTo(2);
    }

    @Test
    void aJourneyTheReadModelDoesNotKnowShowsReceived() {
        // As straight after the 202, before the read model caught up (or while the broker is away).
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        awaitTimeline(journeyId, EventTypes.ORDER_CREATED);
        jdbc.update("DELETE FROM read.journey_step WHERE journey_id = ?", journeyId);
        jdbc.update("DELETE FROM read.journey WHERE journey_id = ?", journeyId);

        JsonNode view = journey(journeyId);

        assertThat(view.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(view.path("timeline")).isEmpty();
        assertThat(view.path("partners")).isEmpty();
        assertThat(view.path("updatedAt").asText()).isEqualTo(view.path("createdAt").asText());
    }
}
