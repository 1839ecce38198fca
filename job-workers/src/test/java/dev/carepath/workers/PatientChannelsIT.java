package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.testing.PhiScan;
import dev.carepath.workers.notifications.NotifyPatientWorker;
import dev.carepath.workers.tasks.JourneyTask;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The patient's notifications on every channel chosen with the intake, through the production worker
 * ({@code notify-patient}) and the tenant's messaging learned from {@code tenant.provisioned} on the real broker,
 * sent to the simulator's three providers (email {@code postmark-sim}, SMS {@code twilight-sms}, push
 * {@code beacon-push}): each channel once, in the tenant's words; an opted-out channel skipped and the skip
 * recorded; SMS and push held by quiet hours (in the patient's state's zone) until the window ends, email not; a
 * shipment milestone on the patient's channels, in the zone of the state of the visit.
 * No contact data in the notifications schema, its events or the provider's ledger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class PatientChannelsIT extends WorkerTestSupport {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final String EMAIL = "ada.quill.channels@example.com";
    private static final String PHONE = "+15125550187";
    private static final String PUSH_TOKEN = "nw-device-7f3a9c2e1b4d8866";
    private static final List<String> SENTINELS = List.of(EMAIL, PHONE, "5125550187", PUSH_TOKEN, "Quill",
            "Elm Street");
    private static final ZoneId TEXAS = ZoneId.of("America/Chicago");

    @LocalServerPort int port;
    @Autowired NotifyPatientWorker notifyPatient;
    @Autowired @Qualifier("scheduleVisitWorker") JourneyTask scheduleVisit;
    @Autowired @Qualifier("recordRxWorker") JourneyTask recordRx;
    @Autowired RabbitTemplate rabbit;
    @Autowired EventCodec codec;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "brand-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @Test
    void everyChosenChannelGetsItsOwnMessageOnceInTheTenantsWords() {
        provision(Map.of("sender", "Northwind Care Team", "supportContact", "help@northwind.example",
                "quietHours", Map.of("start", "00:00", "end", "00:00"),
                "templates", List.of(Map.of("templateId", "order-cancelled",
                        "subject", "{{brand}} | order {{orderId}} cancelled",
                        "body", "{{brand}}: we cancelled order {{orderId}}. Write to {{supportContact}}."))));
        putIntake(List.of("email", "sms", "push"));

        notify("order-cancelled");
        notify("order-cancelled"); // a rerun of the task: nothing sent twice
        notify("payment-declined"); // no template of the tenant's own: the default wording, with its brand

        String cancelled = tenant + ":" + orderId + ":1:order-cancelled";
        Map<String, JsonNode> sent = messagesOfThisOrder();
        assertThat(sent).containsOnlyKeys(cancelled, cancelled + ":sms", cancelled + ":push",
                tenant + ":" + orderId + ":1:payment-declined", tenant + ":" + orderId + ":1:payment-declined:sms",
                tenant + ":" + orderId + ":1:payment-declined:push");
        assertThat(sent.get(cancelled).path("provider").asText()).isEqualTo("postmark-sim");
        assertThat(sent.get(cancelled + ":sms").path("provider").asText()).isEqualTo("twilight-sms");
        assertThat(sent.get(cancelled + ":push").path("provider").asText()).isEqualTo("beacon-push");
        assertThat(sent.get(cancelled).path("from").asText()).isEqualTo("Northwind Care Team");
        assertThat(sent.get(cancelled).path("subject").asText())
                .isEqualTo("Northwind Health | order " + orderId + " cancelled");
        assertThat(sent.get(cancelled + ":sms").path("subject").isNull()).as("an SMS has no subject").isTrue();
        assertThat(sent.get(cancelled + ":sms").path("textLength").asInt()).isPositive();
        assertThat(sent.get(tenant + ":" + orderId + ":1:payment-declined").path("subject").asText())
                .isEqualTo("Northwind Health: your payment was declined");

        assertThat(jdbc.queryForList("SELECT envelope -> 'data' ->> 'channel' FROM notifications.outbox"
                        + " WHERE aggregate_id = ? AND event_type = 'notification.sent'", String.class, orderId))
                .containsExactlyInAnyOrder("email", "sms", "push", "email", "sms", "push");
        assertNoContactDataOutsideTheClinicalStore();
    }

    @Test
    void aChannelThePatientOptedOutOfIsSkippedAndTheSkipRecorded() {
        provision(Map.of("quietHours", Map.of("start", "00:00", "end", "00:00")));
        putIntake(List.of("email", "sms"));

        assertThat(optOut("fax").value()).isEqualTo(400);
        assertThat(optOut("sms").value()).isEqualTo(204);
        assertThat(optOut("sms").value()).as("recorded once, said again").isEqualTo(204);
        notify("refills-stopped");
        notify("refills-stopped");

        String key = tenant + ":" + orderId + ":1:refills-stopped";
        assertThat(messagesOfThisOrder()).containsOnlyKeys(key);
        assertThat(jdbc.queryForList("SELECT channel || ' ' || reason FROM notifications.notification_failure"
                + " WHERE order_id = ?", String.class, orderId)).containsExactly("sms opted_out");
        List<Map<String, Object>> failed = jdbc.queryForList("SELECT envelope -> 'data' ->> 'channel' AS channel,"
                + " envelope -> 'data' ->> 'reason' AS reason, envelope -> 'data' ->> 'skipped' AS skipped"
                + " FROM notifications.outbox WHERE aggregate_id = ? AND event_type = 'notification.failed'", orderId);
        assertThat(failed).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("channel", "SMS").containsEntry("reason", "opted_out").containsEntry("skipped", "true"));
        assertThat(jdbc.queryForList("SELECT channel FROM notifications.channel_opt_out WHERE order_id = ?",
                String.class, orderId)).containsExactly("sms");
        assertNoContactDataOutsideTheClinicalStore();
    }

    @Test
    void smsAndPushDueInThePatientsQuietHoursWaitForTheirEndAndEmailDoesNotAndAnOptOutMeanwhileHolds() {
        // Quiet hours around the present moment in Texas, where the patient is (stateCode TX).
        LocalTime now = LocalTime.now(TEXAS).truncatedTo(ChronoUnit.MINUTES);
        LocalTime start = now.minusHours(1);
        LocalTime end = now.plusHours(2);
        provision(Map.of("quietHours", Map.of("start", start.toString(), "end", end.toString())));
        putIntake(List.of("email", "sms", "push"));

        notify("payment-retry-scheduled");

        String key = tenant + ":" + orderId + ":1:payment-retry-scheduled";
        assertThat(messagesOfThisOrder()).as("only the email went out at once").containsOnlyKeys(key);
        ZonedDateTime localNow = ZonedDateTime.now(TEXAS);
        Instant windowEnd = localNow.toLocalDate().atTime(end).atZone(TEXAS).toInstant();
        if (windowEnd.isBefore(localNow.toInstant())) {
            windowEnd = windowEnd.plus(Duration.ofDays(1));
        }
        assertThat(jdbc.queryForList("SELECT channel FROM notifications.deferred_message WHERE order_id = ?"
                + " AND sent_at IS NULL AND due_at = ?", String.class, orderId, java.sql.Timestamp.from(windowEnd)))
                .containsExactlyInAnyOrder("sms", "push");
        notify("payment-retry-scheduled");
        assertThat(count("SELECT count(*) FROM notifications.deferred_message WHERE order_id = ?", orderId))
                .as("held once, however often the task runs").isEqualTo(2);

        // While they wait the patient opts out of push; then the window ends (the clock reaches due_at): the poller
        // sends the SMS, once, under the key it was held with, and skips the push message.
        assertThat(optOut("push").value()).isEqualTo(204);
        jdbc.update("UPDATE notifications.deferred_message SET due_at = now() WHERE order_id = ?", orderId);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM notifications.deferred_message"
                + " WHERE order_id = ? AND sent_at IS NULL", orderId) == 0);

        assertThat(messagesOfThisOrder()).containsOnlyKeys(key, key + ":sms");
        assertThat(jdbc.queryForList("SELECT (envelope -> 'data' ->> 'channel') || ' ' || coalesce(envelope -> 'data'"
                        + " ->> 'deferred', 'now') FROM notifications.outbox WHERE aggregate_id = ?"
                        + " AND event_type = 'notification.sent'", String.class, orderId))
                .containsExactlyInAnyOrder("email now", "sms true");
        assertThat(jdbc.queryForList("SELECT channel || ' ' || reason FROM notifications.notification_failure"
                + " WHERE order_id = ?", String.class, orderId)).containsExactly("push opted_out");
        assertNoContactDataOutsideTheClinicalStore();
    }

    @Test
    void anIntakeChoosingAChannelWithoutItsAddressIsRefusedAndNothingIsStored() {
        Map<String, Object> smsWithoutPhone = intake(List.of("email", "sms"));
        smsWithoutPhone.remove("phone");
        Map<String, Object> fax = intake(List.of("fax"));

        for (Map<String, Object> intake : List.of(smsWithoutPhone, fax)) {
            String answer = RestClient.create("http://127.0.0.1:" + port).put()
                    .uri("/internal/clinical/intakes/{tenant}/{order}", tenant, orderId)
                    .headers(headers -> headers.setBasicAuth(intakeUser, intakePassword))
                    .contentType(MediaType.APPLICATION_JSON).body(intake)
                    .exchange((request, response) -> response.getStatusCode().value() + " "
                            + new String(response.getBody().readAllBytes()));
            assertThat(answer).startsWith("400").contains("malformed-request").doesNotContain(EMAIL, PUSH_TOKEN);
        }
        assertThat(count("SELECT count(*) FROM clinical.intake WHERE order_id = ?", orderId)).isZero();
    }

    @Test
    void aShipmentMilestoneGoesOnlyToTheChannelsChosenUnderTheTenantsBrand() {
        provision(Map.of("quietHours", Map.of("start", "00:00", "end", "00:00")));
        putIntake(List.of("sms", "push"));
        String rxId = prescribe();
        DomainEvent shipped = new DomainEvent(UUID.randomUUID().toString(), EventTypes.SHIPMENT_SHIPPED,
                URI.create("/carepath/portal/ingress"), orderId, tenant, 1,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), null, Map.of("orderId", orderId,
                "rxId", rxId, "pharmacy", "cedar-pharmacy", "carrier", "ups", "trackingNumber", "1Z-TRACK-77"));

        publish(rabbit, codec, shipped);
        await().atMost(EVENTUALLY).until(() -> messagesOfThisOrder().size() == 2);

        String key = tenant + ":" + orderId + ":shipment.shipped:" + shipped.id();
        Map<String, JsonNode> sent = messagesOfThisOrder();
        assertThat(sent).containsOnlyKeys(key + ":sms", key + ":push");
        assertThat(sent.values()).allSatisfy(message -> {
            assertThat(message.path("template").asText()).isEqualTo("medication-shipped");
            assertThat(message.path("from").asText()).as("the default sender: the brand").isEqualTo("Northwind Health");
        });
        assertNoContactDataOutsideTheClinicalStore();
    }

    private String prescribe() {
        return prescribe(scheduleVisit, recordRx, tenant, orderId);
    }

    private void notify(String notification) {
        ExternalTaskService service = mock(ExternalTaskService.class);
        notifyPatient.execute(task(tenant, orderId, Map.of("cycle", 1, "notification", notification,
                "stateCode", "TX"), null), service);
        assertThat(completedWith(service)).doesNotContainKey("notificationFailed");
    }

    /** tenant.provisioned on the backbone, as the portal's relay publishes it, with the tenant's messaging. */
    private void provision(Map<String, Object> messaging) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", tenant);
        data.put("name", "Northwind Health");
        data.put("processor", "northpay");
        data.put("merchantAccount", "acct_" + tenant.replace('-', '_'));
        data.put("callbackUrl", "https://northwind.example/hooks");
        data.put("entitlements", List.of(Map.of("therapy", "semaglutide", "states", List.of("TX"))));
        data.put("messaging", messaging);
        publish(rabbit, codec, new DomainEvent(UUID.randomUUID().toString(), EventTypes.TENANT_PROVISIONED,
                URI.create("/carepath/portal"), tenant, tenant, 1,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), null, data));
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM notifications.tenant_messaging"
                + " WHERE tenant_id = ?", tenant) == 1);
    }

    private void putIntake(List<String> channels) {
        storeIntake(port, tenant, orderId, intake(channels));
    }

    private static Map<String, Object> intake(List<String> channels) {
        Map<String, Object> intake = new HashMap<>();
        intake.put("givenName", "Ada");
        intake.put("familyName", "Quill");
        intake.put("dateOfBirth", "1984-03-02");
        intake.put("address", "12 Elm Street, Austin TX 78701");
        intake.put("email", EMAIL);
        intake.put("phone", PHONE);
        intake.put("pushToken", PUSH_TOKEN);
        intake.put("channels", channels);
        intake.put("heightCm", 170);
        intake.put("weightKg", 95);
        return intake;
    }

    private HttpStatusCode optOut(String channel) {
        return RestClient.create("http://127.0.0.1:" + port).put()
                .uri("/internal/notifications/opt-outs/{tenant}/{order}/{channel}", tenant, orderId, channel)
                .headers(headers -> headers.setBasicAuth(intakeUser, intakePassword))
                .exchange((request, response) -> response.getStatusCode());
    }

    /** This order's messages in the simulated providers' ledger, by idempotency key. */
    private Map<String, JsonNode> messagesOfThisOrder() {
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        String prefix = tenant + ":" + orderId + ":";
        for (JsonNode message : ledger(simulator, "/messaging/ledger")) {
            String key = message.path("idempotencyKey").asText();
            if (key.startsWith(prefix)) {
                assertThat(messages.put(key, message)).as("one message per key").isNull();
            }
        }
        return messages;
    }

    private void assertNoContactDataOutsideTheClinicalStore() {
        assertThat(PhiScan.columnsHolding(jdbc, "notifications", SENTINELS)).isEmpty();
        assertThat(PhiScan.textHolding("the messaging ledger",
                simulator.get().uri("/messaging/ledger").retrieve().body(String.class), SENTINELS)).isEmpty();
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
