package dev.carepath.portal.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An agent cancels a journey: {@code POST /v1/journeys/{id}/cancellation} records the request and its
 * {@code order.cancel-requested} event once, whatever the agent repeats, and only for the token's tenant.
 */
class JourneyCancellationIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    private Response cancel(UUID journeyId, String token) {
        return post("/v1/journeys/" + journeyId + "/cancellation", Map.of("Authorization", "Bearer " + token), "");
    }

    private List<JsonNode> cancelEvents(UUID journeyId) {
        return jdbc.queryForList("SELECT envelope::text FROM orders.outbox WHERE aggregate_id = ? AND event_type = ?",
                String.class, journeyId.toString(), EventTypes.ORDER_CANCEL_REQUESTED).stream()
                .map(envelope -> {
                    try {
                        return json.readTree(envelope);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    private long cancellations(UUID journeyId) {
        return count("SELECT count(*) FROM orders.cancellation_request WHERE order_id = ?", journeyId);
    }

    @Test
    void aCancelRequestIsAcceptedAndItsEventWrittenOnceHoweverOftenTheAgentAsks() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);

        Response first = cancel(journeyId, agentToken(tenant));
        Response again = cancel(journeyId, agentToken(tenant));

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().path("journeyId").asText()).isEqualTo(journeyId.toString());
        assertThat(first.json().path("status").asText()).isEqualTo("CANCEL_REQUESTED");
        assertThat(first.header("Location")).isEqualTo("/v1/journeys/" + journeyId);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        assertThat(cancellations(journeyId)).isEqualTo(1);
        List<JsonNode> events = cancelEvents(journeyId);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(event.path("subject").asText()).isEqualTo(journeyId.toString());
        assertThat(event.path("data").path("orderId").asText()).isEqualTo(journeyId.toString());
        assertThat(event.path("data").path("cycle").asInt()).isEqualTo(1);
        assertThat(event.path("data").path("reason").asText()).isEqualTo("agent-request");
        // The relay publishes it like every outbox event.
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM orders.outbox WHERE aggregate_id = ?"
                + " AND event_type = ? AND published_at IS NOT NULL", journeyId.toString(),
                EventTypes.ORDER_CANCEL_REQUESTED) == 1);
    }

    @Test
    void anotherTenantsJourneyOrAnUnknownOneIsNotFoundAndNothingIsRecorded() {
        String owner = newTenant();
        UUID journeyId = startJourney(owner);
        String other = newTenant();

        cancel(journeyId, agentToken(other)).assertProblem(404, "not-found");
        cancel(UUID.randomUUID(), agentToken(owner)).assertProblem(404, "not-found");
        post("/v1/journeys/not-a-journey/cancellation", Map.of("Authorization", "Bearer " + agentToken(owner)), "")
                .assertProblem(404, "not-found");

        assertThat(cancellations(journeyId)).isZero();
        assertThat(cancelEvents(journeyId)).isEmpty();
    }

    @Test
    void aClientWithoutJourneysWriteMayNotCancel() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        String readOnly = token(provisionedClient(tenant, List.of("journeys:read")));

        cancel(journeyId, readOnly).assertProblem(403, "insufficient-scope");
        cancel(journeyId, "not-a-token").assertProblem(401, "unauthorized");

        assertThat(cancellations(journeyId)).isZero();
        assertThat(cancelEvents(journeyId)).isEmpty();
    }

    @Test
    void aJourneyThatHasEndedCannotBeCancelled() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        new BackboneEvents(rabbit, codec).publish(BackboneEvents.event(EventTypes.JOURNEY_ENDED, journeyId, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("cycle", 1, "outcome", "failed")));
        await().atMost(EVENTUALLY).until(() -> "FAILED".equals(get("/v1/journeys/" + journeyId).json()
                .path("status").asText()));

        cancel(journeyId, agentToken(tenant)).assertProblem(409, "journey-ended");

        assertThat(cancellations(journeyId)).isZero();
        assertThat(cancelEvents(journeyId)).isEmpty();
    }
}
