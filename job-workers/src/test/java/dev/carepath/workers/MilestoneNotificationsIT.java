package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.workers.tasks.JourneyTask;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.messaging.Message;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The notifications consumer fed through the real broker: shipment events put on the backbone's exchange the
 * way the relay does, the Rx written by the production workers against the partner simulator, the intake
 * through the clinical store's endpoint, the email sent to the simulator's messaging provider. Redeliveries of
 * an event are also handed straight to the bound function, so the test knows when they were applied.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class MilestoneNotificationsIT extends WorkerTestSupport {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private static final URI PHARMACY_WEBHOOKS = URI.create("/carepath/portal/ingress");
    private static final String EMAIL = "ada@example.com";

    @LocalServerPort int port;
    @Autowired @Qualifier("scheduleVisitWorker") JourneyTask scheduleVisit;
    @Autowired @Qualifier("recordRxWorker") JourneyTask recordRx;
    @Autowired RabbitTemplate rabbit;
    @Autowired EventCodec codec;
    @Autowired @Qualifier("milestoneNotifications") Consumer<Message<byte[]>> consumer;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @Test
    void aNotificationIsRetriedLongerThanTheMessagingPartnersCircuitStaysOpen(@Autowired BindingServiceProperties
            bindings, @Autowired PartnerProperties partners) {
        ConsumerProperties consumer = bindings.getConsumerProperties("milestoneNotifications-in-0");
        long waited = 0;
        long wait = consumer.getBackOffInitialInterval();
        for (int attempt = 1; attempt < consumer.getMaxAttempts(); attempt++) {
            waited += wait;
            wait = Math.min((long) (wait * consumer.getBackOffMultiplier()), consumer.getBackOffMaxInterval());
        }
        // The breaker may open again after each failed trial: the schedule spans many open windows, not one.
        assertThat(Duration.ofMillis(waited))
                .isGreaterThan(partners.circuitBreaker().waitDurationInOpenState().multipliedBy(10));
    }

    @Test
    void shippedAndDeliveredAreEachSentOnceHoweverOftenTheyAreDelivered() {
        putIntake();
        String rxId = prescribe();
        DomainEvent shipped = shipment(EventTypes.SHIPMENT_SHIPPED, rxId);
        DomainEvent delivered = shipment(EventTypes.SHIPMENT_DELIVERED, rxId);

        publish(rabbit, codec, shipped);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM notifications.notification"
                + " WHERE order_id = ? AND template_id = 'medication-shipped'", orderId) == 1);
        // Redeliveries (a lost ack, a replayed dead letter), applied before the assertions below.
        consumer.accept(asDelivered(codec, shipped));
        consumer.accept(asDelivered(codec, shipped));
        publish(rabbit, codec, delivered);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM notifications.notification"
                + " WHERE order_id = ? AND template_id = 'medication-delivered'", orderId) == 1);

        String shippedKey = tenant + ":" + orderId + ":shipment.shipped:" + shipped.id();
        String deliveredKey = tenant + ":" + orderId + ":shipment.delivered:" + delivered.id();
        assertThat(sentKeys()).containsExactlyInAnyOrder(shippedKey, deliveredKey);
        JsonNode shippedMessage = messageWithKey(shippedKey);
        assertThat(shippedMessage.path("template").asText()).isEqualTo("medication-shipped");
        assertThat(shippedMessage.path("parameterNames").toString()).contains("orderId", "carrier", "trackingNumber");

        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || cycle FROM notifications.notification"
                + " WHERE order_id = ?", String.class, orderId))
                .containsExactlyInAnyOrder(shippedKey + " 1", deliveredKey + " 1");
        List<String> events = jdbc.queryForList("SELECT envelope::text FROM notifications.outbox"
                + " WHERE aggregate_id = ? AND event_type = 'notification.sent'", String.class, orderId);
        assertThat(events).hasSize(2).allSatisfy(envelope -> assertThat(envelope).doesNotContain(EMAIL));
        assertThat(count("SELECT count(*) FROM notifications.processed_event WHERE consumer = 'job-workers-notifications'"
                + " AND event_id IN (?::uuid, ?::uuid)", shipped.id(), delivered.id())).isEqualTo(2);
        assertThat(addressReads()).as("one audited read of the address per message sent").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM notifications.notification_failure WHERE order_id = ?", orderId)).isZero();
    }

    @Test
    void anOrderWithoutAnIntakeGetsNoMessageAndTheFailureIsRecordedOnce() {
        String rxId = prescribe();
        DomainEvent shipped = shipment(EventTypes.SHIPMENT_SHIPPED, rxId);

        publish(rabbit, codec, shipped);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM notifications.notification_failure"
                + " WHERE order_id = ?", orderId) == 1);
        consumer.accept(asDelivered(codec, shipped));

        String key = tenant + ":" + orderId + ":shipment.shipped:" + shipped.id();
        assertThat(jdbc.queryForList("SELECT idempotency_key || ' ' || reason || ' ' || trigger_event_id"
                + " FROM notifications.notification_failure WHERE order_id = ?", String.class, orderId))
                .containsExactly(key + " no_intake_on_file " + shipped.id());
        assertThat(sentKeys()).isEmpty();
        assertThat(count("SELECT count(*) FROM notifications.notification WHERE order_id = ?", orderId)).isZero();
        assertThat(jdbc.queryForList("SELECT event_type FROM notifications.outbox WHERE aggregate_id = ?",
                String.class, orderId)).containsExactly("notification.failed");
    }

    @Test
    void aShipmentOfAnRxThisServiceNeverWroteIsRecordedAsFailedWithoutReadingTheIntake() {
        putIntake();
        DomainEvent shipped = shipment(EventTypes.SHIPMENT_SHIPPED, UUID.randomUUID().toString());

        publish(rabbit, codec, shipped);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM notifications.notification_failure"
                + " WHERE order_id = ?", orderId) == 1);

        assertThat(jdbc.queryForObject("SELECT reason FROM notifications.notification_failure WHERE order_id = ?",
                String.class, orderId)).isEqualTo("unknown_prescription");
        assertThat(sentKeys()).isEmpty();
        assertThat(addressReads()).isZero();
    }

    private String prescribe() {
        return prescribe(scheduleVisit, recordRx, tenant, orderId);
    }

    private void putIntake() {
        Map<String, Object> intake = new HashMap<>();
        intake.put("givenName", "Ada");
        intake.put("familyName", "Quill");
        intake.put("dateOfBirth", "1984-03-02");
        intake.put("address", "12 Elm Street, Austin TX 78701");
        intake.put("email", EMAIL);
        intake.put("heightCm", 170);
        intake.put("weightKg", 95);
        intake.put("comorbidities", List.of());
        intake.put("contraindications", List.of());
        storeIntake(port, tenant, orderId, intake);
    }

    /** A pharmacy milestone as the portal's webhook ingress publishes it: references only. */
    private DomainEvent shipment(String type, String rxId) {
        Map<String, Object> data = Map.of("orderId", orderId, "rxId", rxId, "pharmacy", "cedar-pharmacy",
                "carrier", "ups", "trackingNumber", "1Z-TRACK-42");
        return new DomainEvent(UUID.randomUUID().toString(), type, PHARMACY_WEBHOOKS, orderId, tenant, 1,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), null, data);
    }

    /** The idempotency keys of this order's messages in the simulated provider's ledger. */
    private List<String> sentKeys() {
        String prefix = tenant + ":" + orderId + ":";
        return ledger(simulator, "/messaging/ledger").findValues("idempotencyKey").stream().map(JsonNode::asText)
                .filter(key -> key.startsWith(prefix)).toList();
    }

    private JsonNode messageWithKey(String key) {
        return ledger(simulator, "/messaging/ledger").findParents("idempotencyKey").stream()
                .filter(message -> key.equals(message.path("idempotencyKey").asText())).findFirst().orElseThrow();
    }

    /** The audited reads of this order's intake by the notifications consumer ({@code clinical.phi-accessed}). */
    private long addressReads() {
        return count("SELECT count(*) FROM clinical.outbox WHERE aggregate_id = ? AND event_type = ?"
                + " AND envelope -> 'data' ->> 'accessor' = 'job-workers/job-workers-notifications'",
                orderId, EventTypes.PHI_ACCESSED);
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
