package dev.carepath.portal.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.client.ApiResponse;
import dev.carepath.contracts.client.api.JourneysApi;
import dev.carepath.contracts.client.model.CancelAccepted;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.ContractClient;
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
 * {@code order.cancel-requested} event once, whatever the agent repeats, and only for the token's tenant. The agent
 * calls through the Java client generated from the contract ({@link ContractClient}).
 */
class JourneyCancellationIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    /** The cancel request through the generated client, as the holder of {@code token}. */
    private ContractClient.Call<ApiResponse<CancelAccepted>> cancel(Object journeyId, String token) {
        return () -> new JourneysApi(ContractClient.bearer(port, token)).cancelJourneyWithHttpInfo(journeyId.toString());
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

        ApiResponse<CancelAccepted> first = ContractClient.ok(cancel(journeyId, agentToken(tenant)));
        ApiResponse<CancelAccepted> again = ContractClient.ok(cancel(journeyId, agentToken(tenant)));

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(first.getData().getJourneyId()).isEqualTo(journeyId);
        assertThat(first.getData().getStatus()).isEqualTo("CANCEL_REQUESTED");
        assertThat(first.getHeaders().get("Location")).containsExactly("/v1/journeys/" + journeyId);
        assertThat(first.getHeaders().get("Idempotent-Replayed")).containsExactly("false");
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getData()).isEqualTo(first.getData());
        assertThat(again.getHeaders().get("Idempotent-Replayed")).containsExactly("true");

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

        ContractClient.problem(404, "not-found", cancel(journeyId, agentToken(other)));
        ContractClient.problem(404, "not-found", cancel(UUID.randomUUID(), agentToken(owner)));
        ContractClient.problem(404, "not-found", cancel("not-a-journey", agentToken(owner)));

        assertThat(cancellations(journeyId)).isZero();
        assertThat(cancelEvents(journeyId)).isEmpty();
    }

    @Test
    void aClientWithoutJourneysWriteMayNotCancel() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        String readOnly = token(provisionedClient(tenant, List.of("journeys:read")));

        ContractClient.problem(403, "insufficient-scope", cancel(journeyId, readOnly));
        ContractClient.problem(401, "unauthorized", cancel(journeyId, "not-a-token"));

        assertThat(cancellations(journeyId)).isZero();
        assertThat(cancelEvents(journeyId)).isEmpty();
    }

    @Test
    void aJourneyThatHasEndedCannotBeCancelled() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        new BackboneEvents(rabbit, codec).publish(BackboneEvents.event(EventTypes.JOURNEY_ENDED, journeyId, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("cycle", 1, "outcome", "failed")));
        JourneysApi agent = new JourneysApi(ContractClient.bearer(port, agentToken(tenant)));
        await().atMost(EVENTUALLY).until(() -> "FAILED".equals(agent.getJourney(journeyId.toString()).getStatus()));

        ContractClient.problem(409, "journey-ended", cancel(journeyId, agentToken(tenant)));

        assertThat(cancellations(journeyId)).isZero();
        assertThat(cancelEvents(journeyId)).isEmpty();
    }
}
