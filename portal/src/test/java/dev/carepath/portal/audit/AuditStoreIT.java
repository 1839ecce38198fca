package dev.carepath.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.PortalIntegrationSupport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;

/**
 * The audit store fed through the real broker: every event once, in a hash chain per tenant that
 * verification walks; rows cannot be changed, and a row changed behind the triggers' back is found.
 */
class AuditStoreIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    /**
     * The events of the tenant's chain: tenant.provisioned (the test support provisions the tenant),
     * order.created, and the three published here.
     */
    private static final int CHAIN = 5;

    /** Starts a journey and publishes three more events for it, the payment twice; returns the tenant. */
    private String tenantWithFiveEvents(UUID[] journey, DomainEvent[] payment) {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        journey[0] = journeyId;
        BackboneEvents backbone = new BackboneEvents(rabbit, codec);
        payment[0] = BackboneEvents.event(EventTypes.PAYMENT_CAPTURED, journeyId, tenant, start.plusSeconds(2),
                Map.of("processor", "stripe-sim", "chargeId", "ch_9", "cycle", 1, "amountMinor", 100,
                        "currency", "USD"));
        backbone.publish(BackboneEvents.event(EventTypes.JOURNEY_STARTED, journeyId, tenant, start.plusSeconds(1),
                Map.of()));
        backbone.publish(payment[0]);
        backbone.publish(payment[0]);
        backbone.publish(BackboneEvents.event(EventTypes.VISIT_SCHEDULED, journeyId, tenant, start.plusSeconds(3),
                Map.of("providerNetwork", "northstar-health", "visitId", "vis-1", "cycle", 1)));
        await().atMost(EVENTUALLY).until(() -> chainLength(tenant) == CHAIN);
        return tenant;
    }

    private long chainLength(String tenant) {
        return count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?", tenant);
    }

    @Test
    void everyEventIsStoredOnceInItsTenantsChain() {
        UUID[] journey = new UUID[1];
        DomainEvent[] payment = new DomainEvent[1];
        String tenant = tenantWithFiveEvents(journey, payment);

        // The duplicate delivery was absorbed: the payment once, and recorded as processed once.
        assertThat(count("SELECT count(*) FROM audit.audit_event WHERE event_id = ?::uuid", payment[0].id()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit.processed_event WHERE event_id = ?::uuid", payment[0].id()))
                .isEqualTo(1);
        List<Map<String, Object>> chain = jdbc.queryForList("SELECT chain_seq, event_type, prev_hash, hash, envelope"
                + " FROM audit.audit_event WHERE tenant_id = ? ORDER BY chain_seq", tenant);
        assertThat(chain).extracting(row -> row.get("chain_seq")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chain.get(0).get("prev_hash")).isEqualTo("0".repeat(64));
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).get("prev_hash")).isEqualTo(chain.get(i - 1).get("hash"));
        }
        // The stored envelope is the event as published.
        String stored = jdbc.queryForObject("SELECT envelope FROM audit.audit_event WHERE event_id = ?::uuid",
                String.class, payment[0].id());
        assertThat(codec.decode(stored.getBytes(StandardCharsets.UTF_8))).isEqualTo(payment[0]);

        JsonNode verification = staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json();
        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("chains").get(0).path("rowsChecked").asLong()).isEqualTo(CHAIN);
    }

    @Test
    void theStoreRefusesUpdatesAndDeletesEvenToItsOwner() {
        UUID[] journey = new UUID[1];
        DomainEvent[] payment = new DomainEvent[1];
        String tenant = tenantWithFiveEvents(journey, payment);

        assertThatThrownBy(() -> jdbc.update("UPDATE audit.audit_event SET event_type = 'x' WHERE tenant_id = ?",
                tenant)).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit.audit_event WHERE tenant_id = ?", tenant))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit.audit_event"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(chainLength(tenant)).isEqualTo(CHAIN);
    }

    @Test
    void verificationReportsTheFirstAlteredRow() throws SQLException {
        UUID[] journey = new UUID[1];
        DomainEvent[] payment = new DomainEvent[1];
        String tenant = tenantWithFiveEvents(journey, payment);
        String otherTenant = tenantWithFiveEvents(new UUID[1], new DomainEvent[1]);
        long alteredSeq = jdbc.queryForObject("SELECT chain_seq FROM audit.audit_event WHERE event_id = ?::uuid",
                Long.class, payment[0].id());

        // A superuser who switches the triggers off for the session changes the charge id of the payment.
        asSuperuserWithoutTriggers("UPDATE audit.audit_event SET envelope = replace(envelope, 'ch_9', 'ch_8')"
                + " WHERE event_id = ?::uuid", payment[0].id());

        JsonNode verification = staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json();
        assertThat(verification.path("intact").asBoolean()).isFalse();
        JsonNode broken = verification.path("chains").get(0).path("brokenLink");
        assertThat(broken.path("chainSeq").asLong()).isEqualTo(alteredSeq);
        assertThat(broken.path("eventId").asText()).isEqualTo(payment[0].id());
        assertThat(broken.path("reason").asText()).isEqualTo("content does not match its hash");
        assertThat(staffGet("/v1/admin/audit/verify?tenantId=" + otherTenant).json().path("intact").asBoolean())
                .isTrue();
    }

    @Test
    void verificationFindsARemovedRow() throws SQLException {
        UUID[] journey = new UUID[1];
        DomainEvent[] payment = new DomainEvent[1];
        String tenant = tenantWithFiveEvents(journey, payment);

        asSuperuserWithoutTriggers("DELETE FROM audit.audit_event WHERE tenant_id = ? AND chain_seq = 2", tenant);

        JsonNode broken = staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json()
                .path("chains").get(0).path("brokenLink");
        assertThat(broken.path("chainSeq").asLong()).isEqualTo(3);
        assertThat(broken.path("reason").asText()).isEqualTo("position 2 is missing");
    }

    private void asSuperuserWithoutTriggers(String sql, String argument) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
                Statement session = connection.createStatement();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            session.execute("SET session_replication_role = replica");
            statement.setString(1, argument);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
