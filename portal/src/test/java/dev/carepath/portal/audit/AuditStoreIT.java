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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * verification walks; rows cannot be changed, and a row changed behind the triggers' back is found. Against
 * the signed anchors of the chain heads, deleting the newest rows is found too, and a forged anchor refused.
 */
class AuditStoreIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @Autowired
    AuditAnchors anchors;

    @Autowired
    AuditTrail trail;

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

    /**
     * The catalog's qualification and titration events are stored like any other, once each, with their data as
     * published, and the chain that holds them verifies.
     */
    @Test
    void qualificationAndTitrationAreStoredOnceInTheChainAsPublished() {
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        BackboneEvents backbone = new BackboneEvents(rabbit, codec);
        DomainEvent qualified = BackboneEvents.event(EventTypes.PATIENT_QUALIFIED, journeyId, tenant,
                start.plusSeconds(1), Map.of("outcome", "eligible", "reasonCode", "ELIGIBLE_BMI_30",
                        "decisionKey", "eligibility", "therapy", "semaglutide", "stateCode", "TX"));
        DomainEvent titrated = BackboneEvents.event(EventTypes.ORDER_TITRATED, journeyId, tenant,
                start.plusSeconds(2), Map.of("cycle", 2, "therapy", "semaglutide", "doseStep", 2,
                        "weeksToNextFollowUp", 4, "decisionKey", "titration"));

        backbone.publish(qualified);
        backbone.publish(titrated);
        backbone.publish(titrated);

        // tenant.provisioned, order.created and the two.
        await().atMost(EVENTUALLY).until(() -> chainLength(tenant) == 4);
        for (DomainEvent event : List.of(qualified, titrated)) {
            List<String> stored = jdbc.queryForList("SELECT envelope FROM audit.audit_event WHERE event_id = ?::uuid"
                    + " AND event_type = ?", String.class, event.id(), event.type());
            assertThat(stored).as(event.type()).singleElement()
                    .satisfies(envelope -> assertThat(codec.decode(envelope.getBytes(StandardCharsets.UTF_8)))
                            .isEqualTo(event));
        }
        // The chain's order is the order of arrival, which the backbone does not promise to be that of publication.
        assertThat(trail.journeyEvents(tenant, journeyId, List.of(EventTypes.PATIENT_QUALIFIED,
                EventTypes.ORDER_TITRATED))).extracting(DomainEvent::type)
                .containsExactlyInAnyOrder(EventTypes.PATIENT_QUALIFIED, EventTypes.ORDER_TITRATED);
        assertThat(staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json().path("intact").asBoolean()).isTrue();
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
        assertThat(asSuperuserWithoutTriggers("UPDATE audit.audit_event SET envelope = replace(envelope, 'ch_9', 'ch_8')"
                + " WHERE event_id = ?::uuid", payment[0].id())).isEqualTo(1);

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

        assertThat(asSuperuserWithoutTriggers("DELETE FROM audit.audit_event WHERE tenant_id = ? AND chain_seq = 2",
                tenant)).isEqualTo(1);

        JsonNode broken = staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json()
                .path("chains").get(0).path("brokenLink");
        assertThat(broken.path("chainSeq").asLong()).isEqualTo(3);
        assertThat(broken.path("reason").asText()).isEqualTo("position 2 is missing");
    }

    @Test
    void deletingTheNewestRowsAfterAnAnchorIsReported() throws SQLException {
        String tenant = tenantWithFiveEvents(new UUID[1], new DomainEvent[1]);
        JsonNode anchored = staffPost("/v1/admin/audit/anchor", Map.of(), "").json().path("anchored");
        JsonNode anchor = anchorOf(anchored, tenant);
        assertThat(anchor.path("chainSeq").asLong()).isEqualTo(CHAIN);
        assertThat(anchor.path("headHash").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT hash FROM audit.audit_event WHERE tenant_id = ? AND chain_seq = ?", String.class, tenant, CHAIN));
        // An unmoved head is not anchored again.
        assertThat(anchorOf(staffPost("/v1/admin/audit/anchor", Map.of(), "").json().path("anchored"), tenant))
                .isNull();
        JsonNode before = staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json();
        assertThat(before.path("intact").asBoolean()).isTrue();
        assertThat(before.path("chains").get(0).path("anchoredRows").asLong()).isEqualTo(CHAIN);

        // The database's superuser deletes the two newest rows: what is left is a valid chain on its own.
        assertThat(asSuperuserWithoutTriggers("DELETE FROM audit.audit_event WHERE tenant_id = ? AND chain_seq >= 4",
                tenant)).isEqualTo(2);

        JsonNode verification = staffGet("/v1/admin/audit/verify?tenantId=" + tenant).json();
        assertThat(verification.path("intact").asBoolean()).isFalse();
        JsonNode broken = verification.path("chains").get(0).path("brokenLink");
        assertThat(broken.path("chainSeq").asLong()).isEqualTo(4);
        assertThat(broken.path("reason").asText()).startsWith("rows deleted after anchor")
                .contains("ends at position 3").contains("holds 5");
    }

    @Test
    void aChainWhoseRowsWereAllDeletedIsFoundThroughItsAnchor() throws SQLException {
        String tenant = tenantWithFiveEvents(new UUID[1], new DomainEvent[1]);
        anchors.anchorAll();

        assertThat(asSuperuserWithoutTriggers("DELETE FROM audit.audit_event WHERE tenant_id = ?", tenant))
                .isEqualTo(CHAIN);

        ChainVerification chain = trail.report(null).chains().stream()
                .filter(verification -> verification.tenantId().equals(tenant)).findFirst().orElseThrow();
        assertThat(chain.intact()).isFalse();
        assertThat(chain.brokenLink().chainSeq()).isEqualTo(1);
        assertThat(chain.brokenLink().reason()).startsWith("rows deleted after anchor");
    }

    @Test
    void aChainRewrittenBehindTheAnchorIsReportedAtTheAnchoredPosition() throws SQLException {
        String tenant = tenantWithFiveEvents(new UUID[1], new DomainEvent[1]);
        anchors.anchorAll();
        // The superuser replaces the newest row by one of their own and links it properly: the chain alone is valid.
        Map<String, Object> newest = jdbc.queryForMap("SELECT * FROM audit.audit_event WHERE tenant_id = ? AND chain_seq = ?",
                tenant, CHAIN);
        ChainLink rewritten = new ChainLink(tenant, CHAIN, newest.get("event_id").toString(),
                (String) newest.get("event_type"), newest.get("envelope") + " ",
                ((java.sql.Timestamp) newest.get("recorded_at")).toInstant().atOffset(ZoneOffset.UTC),
                (String) newest.get("prev_hash"));
        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
                Statement session = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE audit.audit_event SET envelope = ?, hash = ? WHERE tenant_id = ? AND chain_seq = ?")) {
            session.execute("SET session_replication_role = replica");
            update.setString(1, rewritten.envelope());
            update.setString(2, rewritten.hash());
            update.setString(3, tenant);
            update.setLong(4, CHAIN);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        ChainVerification chain = trail.verify(tenant);
        assertThat(chain.intact()).isFalse();
        assertThat(chain.brokenLink().chainSeq()).isEqualTo(CHAIN);
        assertThat(chain.brokenLink().reason()).startsWith("hash differs from the anchor");
    }

    @Test
    void anAnchorWhoseSignatureDoesNotVerifyIsRefused() throws Exception {
        String tenant = tenantWithFiveEvents(new UUID[1], new DomainEvent[1]);
        anchors.anchorAll();
        assertThat(asSuperuserWithoutTriggers("DELETE FROM audit.audit_event WHERE tenant_id = ? AND chain_seq = 5",
                tenant)).isEqualTo(1);
        String newHead = jdbc.queryForObject("SELECT hash FROM audit.audit_event WHERE tenant_id = ? AND chain_seq = 4",
                String.class, tenant);

        // Whoever deleted the row also appends an anchor of the shortened chain, signed with a key of their own.
        com.nimbusds.jose.jwk.OctetKeyPair forger = new com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator(
                com.nimbusds.jose.jwk.Curve.Ed25519).keyID("audit-anchor-local").generate();
        com.nimbusds.jose.JWSObject forged = new com.nimbusds.jose.JWSObject(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.EdDSA).keyID("audit-anchor-local")
                        .build(),
                new com.nimbusds.jose.Payload(Map.of("tenantId", tenant, "chainSeq", 4, "headHash", newHead,
                        "anchoredAt", java.time.Instant.now().toString())));
        forged.sign(new com.nimbusds.jose.crypto.Ed25519Signer(forger));
        Path log = Path.of(anchors.location());
        String genuine = Files.readString(log);
        Files.writeString(log, forged.serialize() + "\n", StandardOpenOption.APPEND);
        try {
            AuditReport report = trail.report(tenant);
            assertThat(report.intact()).isFalse();
            assertThat(report.anchors().refused()).isEqualTo(1);
            // The chain is still held to the last anchor that verifies.
            assertThat(report.chains().get(0).anchoredRows()).isEqualTo(CHAIN);
            assertThat(report.chains().get(0).brokenLink().reason()).startsWith("rows deleted after anchor");
        } finally {
            // The log is shared by the tests of this context; a refused line would make every report not intact.
            Files.writeString(log, genuine);
        }
    }

    private static JsonNode anchorOf(JsonNode anchored, String tenant) {
        for (JsonNode anchor : anchored) {
            if (anchor.path("tenantId").asText().equals(tenant)) {
                return anchor;
            }
        }
        return null;
    }

    private int asSuperuserWithoutTriggers(String sql, String argument) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
                Statement session = connection.createStatement();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            session.execute("SET session_replication_role = replica");
            statement.setString(1, argument);
            return statement.executeUpdate();
        }
    }
}
