package dev.carepath.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.client.ApiResponse;
import dev.carepath.contracts.client.api.BackboneApi;
import dev.carepath.contracts.client.model.Rebuilt;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.ContractClient;
import dev.carepath.portal.PortalIntegrationSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** Rebuilding the read models by replaying the audit store gives what the live consumer built. */
class ReadModelRebuildIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    @Test
    void rebuildByReplayEqualsTheLiveReadModel() {
        BackboneEvents backbone = new BackboneEvents(rabbit, codec);
        String tenant = newTenant();
        List<UUID> journeys = List.of(startJourney(tenant), startJourney(tenant));
        UUID first = journeys.get(0);
        UUID second = journeys.get(1);
        List<DomainEvent> events = new ArrayList<>(List.of(
                BackboneEvents.event(EventTypes.PAYMENT_CAPTURED, first, tenant, start.plusSeconds(2),
                        Map.of("processor", "stripe-sim", "chargeId", "ch_1", "cycle", 1)),
                BackboneEvents.event(EventTypes.JOURNEY_STARTED, first, tenant, start.plusSeconds(1), Map.of()),
                BackboneEvents.event(EventTypes.VISIT_SCHEDULED, first, tenant, start.plusSeconds(3),
                        Map.of("providerNetwork", "northstar-health", "visitId", "vis-7")),
                BackboneEvents.event(EventTypes.JOURNEY_STARTED, second, tenant, start.plusSeconds(1), Map.of()),
                BackboneEvents.event(EventTypes.PAYMENT_DECLINED, second, tenant, start.plusSeconds(2),
                        Map.of("processor", "stripe-sim"))));
        events.forEach(backbone::publish);
        backbone.publish(events.get(0));
        // Both consumers have everything: the read model (2 order.created + 5) and the audit store (the same
        // and the tenant's tenant.provisioned).
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM read.journey_step WHERE tenant_id = ?",
                tenant) == 7 && count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?", tenant) == 8);
        List<JsonNode> live = journeys.stream().map(this::view).toList();
        List<Map<String, Object>> liveRows = rows(tenant);
        assertThat(live.get(0).path("status").asText()).isEqualTo("VISIT_SCHEDULED");
        assertThat(live.get(1).path("status").asText()).isEqualTo("PAYMENT_DECLINED");

        ApiResponse<Rebuilt> rebuilt = rebuild();

        assertThat(rebuilt.getStatusCode()).isEqualTo(200);
        assertThat(rebuilt.getData().getReplayedEvents()).isGreaterThanOrEqualTo(7);
        assertThat(journeys.stream().map(this::view).toList()).isEqualTo(live);
        assertThat(rows(tenant)).isEqualTo(liveRows);
        // Live consumption carries on after the rebuild, without applying replayed events twice.
        backbone.publish(events.get(1));
        DomainEvent shipped = BackboneEvents.event(EventTypes.SHIPMENT_SHIPPED, first, tenant, start.plusSeconds(9),
                Map.of("rxId", "rx-1", "pharmacy", "pharm-1", "trackingNumber", "1Z999"));
        backbone.publish(shipped);
        await().atMost(EVENTUALLY).until(() -> view(first).path("status").asText().equals("SHIPPED"));
        assertThat(count("SELECT count(*) FROM read.journey_step WHERE tenant_id = ?", tenant)).isEqualTo(8);
    }

    @Test
    void aStoredEventOfAnotherTenantNamingAJourneyIsSkippedNotAFailedRebuild() {
        BackboneEvents backbone = new BackboneEvents(rabbit, codec);
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        await().atMost(EVENTUALLY).until(() -> count(
                "SELECT count(*) FROM read.journey_step WHERE journey_id = ?", journey) == 1); // its order.created
        // Another tenant's event naming this journey: the audit store records it under that tenant's chain; the
        // read model must not apply it, live or replayed (row-level security hides the row from that tenant).
        DomainEvent foreign = BackboneEvents.event(EventTypes.PAYMENT_DECLINED, journey, newTenant(),
                start.plusSeconds(5), Map.of("processor", "stripe-sim"));
        backbone.publish(foreign);
        await().atMost(EVENTUALLY).until(() -> count(
                "SELECT count(*) FROM audit.audit_event WHERE event_id = ?::uuid", foreign.id()) == 1);
        JsonNode live = view(journey);

        assertThat(rebuild().getStatusCode()).isEqualTo(200);
        assertThat(view(journey)).isEqualTo(live);
        assertThat(view(journey).path("status").asText()).isNotEqualTo("PAYMENT_DECLINED");
        assertThat(count("SELECT count(*) FROM read.journey_step WHERE event_id = ?::uuid", foreign.id())).isZero();
    }

    /** Staff's rebuild, through the Java client generated from the contract. */
    private ApiResponse<Rebuilt> rebuild() {
        return ContractClient.ok(() -> new BackboneApi(ContractClient.authenticated(port, this::asStaff))
                .rebuildReadModelsWithHttpInfo());
    }

    private JsonNode view(UUID journeyId) {
        return get("/v1/journeys/" + journeyId).json();
    }

    /** The tenant's read model rows, without surrogate keys. */
    private List<Map<String, Object>> rows(String tenant) {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList(
                "SELECT * FROM read.journey WHERE tenant_id = ? ORDER BY journey_id", tenant));
        rows.addAll(jdbc.queryForList("SELECT journey_id, event_id, tenant_id, event_type, occurred_at"
                + " FROM read.journey_step WHERE tenant_id = ? ORDER BY event_id", tenant));
        return rows;
    }
}
