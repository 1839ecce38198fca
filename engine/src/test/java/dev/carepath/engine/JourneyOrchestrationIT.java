package dev.carepath.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The orchestrator against the real engine on PostgreSQL and real RabbitMQ: events start cycles and move
 * them through the model; the journey events commit with the engine's state and reach the broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class JourneyOrchestrationIT {

    private static final String EXCHANGE = "carepath.events";
    private static final String DEAD_LETTERS = "carepath.events.engine-orchestrator.dlq";

    @Autowired RabbitTemplate rabbit;
    @Autowired AmqpAdmin admin;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired ExternalTaskService externalTasks;
    @Autowired TestRestTemplate http;

    /** The test's view of the stored rows, past row-level security. */
    JdbcTemplate jdbc;

    @Autowired
    void inspect(DataSource dataSource) {
        jdbc = TestDatabase.superuser(dataSource);
    }

    private final EventCodec codec = new EventCodec();
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anOrderCreatedDeliveredTwiceStartsOneCycle() {
        String orderId = UUID.randomUUID().toString();
        DomainEvent created = orderCreated(orderId, "TX");

        publish(created);
        publish(created);
        String markerOrder = UUID.randomUUID().toString();
        publish(orderCreated(markerOrder, "CA"));

        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(markerOrder) != null);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count()).isEqualTo(1);
        ProcessInstance instance = instanceOf(orderId);
        assertThat(instance.getTenantId()).isEqualTo(tenant);
        assertThat(runtime.getVariables(instance.getId()))
                .containsEntry("orderId", orderId)
                .containsEntry("tenantId", tenant)
                .containsEntry("therapy", "semaglutide")
                .containsEntry("stateCode", "TX")
                .containsEntry("cycle", 1);
    }

    @Test
    void partnerEventsCarryTheCycleToItsEndAndJourneyEventsArePublished() {
        String orderId = UUID.randomUUID().toString();
        publish(orderCreated(orderId, "TX"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(orderId) != null);
        String instanceId = instanceOf(orderId).getId();

        complete(orderId, "evaluate-eligibility", Map.of("eligibilityOutcome", "eligible",
                "eligibilityReason", "ELIGIBLE_BMI_30"));
        complete(orderId, "charge-payment", Map.of("chargeId", "ch_1", "processor", "northpay"));
        LockedExternalTask scheduleVisit = awaitTask(orderId, "schedule-visit");
        assertThat(scheduleVisit.getVariables().get("providerNetwork")).isEqualTo("meridian-health");
        externalTasks.complete(scheduleVisit.getId(), "it-worker", Map.of("visitId", "v-1"));

        publish(event(EventTypes.VISIT_COMPLETED, orderId, Map.of("orderId", orderId, "visitId", "v-1",
                "outcome", "prescribed")));
        complete(orderId, "record-rx", Map.of("rxId", UUID.randomUUID().toString()));
        complete(orderId, "quote-pharmacy-prices", Map.of("cedarPharmacyPriceCents", 129_900L,
                "harborMailRxPriceCents", 134_900L));
        LockedExternalTask submitErx = awaitTask(orderId, "submit-erx");
        assertThat(submitErx.getVariables().get("pharmacy")).isEqualTo("cedar-pharmacy");
        externalTasks.complete(submitErx.getId(), "it-worker", Map.of("pharmacyPrescriptionId", "p-1"));

        publish(event(EventTypes.SHIPMENT_DELIVERED, orderId, Map.of("orderId", orderId, "trackingNumber", "1Z9")));
        var followUp = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(instanceId).timers().activityId("Event_FollowUpDue").singleResult(), job -> job != null);
        management.executeJob(followUp.getId());

        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).finished().count() == 1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId("EndEvent_NextCycleRequested").count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT event_type FROM orchestrator.outbox WHERE aggregate_id = ? AND published_at IS NOT NULL"
                        + " ORDER BY sequence", String.class, orderId))
                .startsWith(EventTypes.JOURNEY_STARTED, EventTypes.JOURNEY_COMPLETED, EventTypes.ORDER_CYCLE_DUE));
        assertThat(jdbc.queryForList("SELECT DISTINCT tenant_id FROM orchestrator.outbox WHERE aggregate_id = ?",
                String.class, orderId)).containsExactly(tenant);
    }

    @Test
    void aPartnerEventBeforeItsCycleWaitsIsBufferedAndCorrelatedOnceTheCycleWaits() {
        String orderId = UUID.randomUUID().toString();
        publish(orderCreated(orderId, "TX"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(orderId) != null);
        String instanceId = instanceOf(orderId).getId();

        // The network reports the visit while the cycle is still at eligibility: nothing waits for it yet.
        DomainEvent early = event(EventTypes.VISIT_COMPLETED, orderId, Map.of("orderId", orderId, "visitId", "v-1",
                "outcome", "prescribed"));
        publish(early);

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(early));
        assertThat(jdbc.queryForList("SELECT event_type FROM orchestrator.early_event WHERE order_id = ?",
                String.class, orderId)).as("the consumer buffered it and went on").containsExactly("visit.completed");
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(instanceId)
                .eventName(EventTypes.VISIT_COMPLETED).count()).isZero();

        complete(orderId, "evaluate-eligibility", Map.of("eligibilityOutcome", "eligible",
                "eligibilityReason", "ELIGIBLE_BMI_30"));
        complete(orderId, "charge-payment", Map.of("chargeId", "ch_1", "processor", "northpay"));
        complete(orderId, "schedule-visit", Map.of("visitId", "v-1"));

        LockedExternalTask recordRx = awaitTask(orderId, "record-rx");
        assertThat(recordRx.getVariables()).containsEntry("visitOutcome", "prescribed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orchestrator.early_event WHERE order_id = ?", Long.class,
                orderId)).as("drained").isZero();
        assertThat(deadLettered(early)).isFalse();

        // The network sends the same visit again (a duplicate webhook): the cycle is past its wait.
        DomainEvent duplicate = event(EventTypes.VISIT_COMPLETED, orderId, Map.of("orderId", orderId, "visitId", "v-1",
                "outcome", "prescribed"));
        publish(duplicate);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(duplicate));
        assertThat(ignoredReason(duplicate)).isEqualTo("duplicate");
    }

    @Test
    void aPartnerEventOfAnEarlierVisitIsRecordedAndTheCycleKeepsWaiting() {
        String orderId = UUID.randomUUID().toString();
        publish(orderCreated(orderId, "TX"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(orderId) != null);
        String instanceId = instanceOf(orderId).getId();
        complete(orderId, "evaluate-eligibility", Map.of("eligibilityOutcome", "eligible",
                "eligibilityReason", "ELIGIBLE_BMI_30"));
        complete(orderId, "charge-payment", Map.of("chargeId", "ch_1", "processor", "northpay"));
        complete(orderId, "schedule-visit", Map.of("visitId", "v-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createEventSubscriptionQuery()
                .processInstanceId(instanceId).eventName(EventTypes.VISIT_COMPLETED).count() == 1);

        DomainEvent stale = event(EventTypes.VISIT_COMPLETED, orderId, Map.of("orderId", orderId, "visitId", "v-1",
                "outcome", "not_prescribed"));
        publish(stale);

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(stale));
        assertThat(ignoredReason(stale)).isEqualTo("earlier-cycle");
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(instanceId)
                .eventName(EventTypes.VISIT_COMPLETED).count()).as("still waiting for its own visit").isEqualTo(1);
    }

    @Test
    void aPartnerEventOfAnEndedJourneyIsRecordedNotDeadLettered() {
        String orderId = UUID.randomUUID().toString();
        publish(orderCreated(orderId, "TX"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(orderId) != null);
        String instanceId = instanceOf(orderId).getId();
        publish(event(EventTypes.ORDER_CANCEL_REQUESTED, orderId, Map.of("orderId", orderId, "cycle", 1,
                "reason", "agent-request")));
        complete(orderId, "cancel-order", Map.of("orderCancellation", "nothing-at-pharmacy"));
        complete(orderId, "notify-patient", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).finished().count() == 1);

        DomainEvent late = event(EventTypes.SHIPMENT_DELIVERED, orderId, Map.of("orderId", orderId,
                "trackingNumber", "1Z-late"));
        DomainEvent lateCancel = event(EventTypes.ORDER_CANCEL_REQUESTED, orderId, Map.of("orderId", orderId,
                "cycle", 1, "reason", "agent-request"));
        publish(late);
        publish(lateCancel);

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(late) && processed(lateCancel));
        assertThat(ignoredReason(late)).isEqualTo("journey-ended");
        assertThat(ignoredReason(lateCancel)).isEqualTo("journey-ended");
        assertThat(deadLettered(late)).isFalse();
    }

    @Test
    void aCancelBeforeTheFirstCycleStartedEndsTheJourneyAndTheCycleNeverStarts() {
        String orderId = UUID.randomUUID().toString();
        DomainEvent cancel = event(EventTypes.ORDER_CANCEL_REQUESTED, orderId, Map.of("orderId", orderId, "cycle", 1,
                "reason", "agent-request"));
        DomainEvent created = orderCreated(orderId, "TX");

        publish(cancel);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(cancel));
        publish(created);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(created));

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).count())
                .as("no cycle of a cancelled order starts").isZero();
        assertThat(ignoredReason(created)).isEqualTo("order-cancelled");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT envelope->'data'->>'outcome' FROM orchestrator.outbox WHERE aggregate_id = ?"
                        + " AND event_type = ? AND published_at IS NOT NULL", String.class, orderId,
                EventTypes.JOURNEY_ENDED)).containsExactly("CANCELLED"));
    }

    @Test
    void noCycleStartsBeyondTheCyclesTheOrderBought() {
        String orderId = UUID.randomUUID().toString();
        DomainEvent due = event(EventTypes.ORDER_CYCLE_DUE, orderId, Map.of("orderId", orderId, "cycle", 3,
                "cyclesBought", 2, "therapy", "semaglutide", "stateCode", "TX", "costTier", "standard",
                "paymentToken", "tok_it_1", "doseStep", 3));

        publish(due);

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(due));
        assertThat(ignoredReason(due)).isEqualTo("beyond-cycles-bought");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).count()).isZero();
    }

    @Test
    void anOrderCreatedCarriesTheCyclesBoughtOrTheTherapysDefault() {
        String bought = UUID.randomUUID().toString();
        String defaulted = UUID.randomUUID().toString();
        DomainEvent withCycles = event(EventTypes.ORDER_CREATED, bought, Map.of("orderId", bought, "tenantId", tenant,
                "cycle", 1, "therapy", "tirzepatide", "stateCode", "TX", "paymentToken", "tok_it_1", "cyclesBought", 3));

        publish(withCycles);
        publish(orderCreated(defaulted, "TX"));

        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(bought) != null && instanceOf(defaulted) != null);
        assertThat(runtime.getVariable(instanceOf(bought).getId(), "cyclesBought")).isEqualTo(3);
        assertThat(runtime.getVariable(instanceOf(defaulted).getId(), "cyclesBought"))
                .as("semaglutide's programme, from configuration").isEqualTo(6);
    }

    @Test
    void anEventOfAnOrderTheEngineNeverSawIsRetriedThenDeadLettered() {
        String unknownOrder = UUID.randomUUID().toString();
        DomainEvent orphan = event(EventTypes.VISIT_COMPLETED, unknownOrder,
                Map.of("orderId", unknownOrder, "visitId", "v-x", "outcome", "prescribed"));

        publish(orphan);

        // Other suites share this virtual host, so the queue may hold their dead letters too.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (var message = rabbit.receive(DEAD_LETTERS, 200); message != null;
                    message = rabbit.receive(DEAD_LETTERS, 200)) {
                if (codec.decode(message.getBody()).id().equals(orphan.id())) {
                    return true;
                }
            }
            return false;
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orchestrator.processed_event WHERE event_id = ?::uuid",
                Long.class, orphan.id())).as("a failed event is not marked processed").isZero();
    }

    @Test
    void theWorkersServiceAccountFetchesTheTenantsTasksOverRest() {
        String orderId = UUID.randomUUID().toString();
        publish(orderCreated(orderId, "TX"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceOf(orderId) != null);

        var fetch = Map.of("workerId", "it-rest-worker", "maxTasks", 50,
                "topics", List.of(Map.of("topicName", "evaluate-eligibility", "lockDuration", 10_000,
                        "businessKey", orderId)));
        var response = http.withBasicAuth("jobworkers", "workers-local")
                .postForEntity("/engine-rest/external-task/fetchAndLock", fetch, Map[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).hasSize(1);
        assertThat(response.getBody()[0].get("tenantId")).isEqualTo(tenant);
    }

    @Test
    void theEngineRestApiRefusesAnonymousCalls() {
        assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // (the workers' account may call the external-task endpoints only: EngineAuthorizationIT)
        assertThat(http.withBasicAuth("admin", "admin-local")
                .getForEntity("/engine-rest/process-definition?key=patient-journey", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("jobworkers", "wrong")
                .getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private DomainEvent orderCreated(String orderId, String state) {
        return event(EventTypes.ORDER_CREATED, orderId, Map.of("orderId", orderId, "tenantId", tenant, "cycle", 1,
                "therapy", "semaglutide", "stateCode", state, "costTier", "standard", "paymentToken", "tok_it_1"));
    }

    private DomainEvent event(String type, String orderId, Map<String, Object> data) {
        return new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/carepath/it"), orderId, tenant, 1,
                OffsetDateTime.now(ZoneOffset.UTC), null, data);
    }

    private boolean processed(DomainEvent event) {
        return jdbc.queryForObject("SELECT count(*) FROM orchestrator.processed_event WHERE event_id = ?::uuid",
                Long.class, event.id()) == 1;
    }

    private String ignoredReason(DomainEvent event) {
        return jdbc.queryForList("SELECT reason FROM orchestrator.ignored_event WHERE event_id = ?::uuid",
                String.class, event.id()).stream().findFirst().orElse(null);
    }

    /** Whether the event is in the orchestrator's dead-letter queue now; reads (so empties) the queue. */
    private boolean deadLettered(DomainEvent event) {
        boolean found = false;
        for (var message = rabbit.receive(DEAD_LETTERS, 200); message != null; message = rabbit.receive(DEAD_LETTERS, 200)) {
            found |= codec.decode(message.getBody()).id().equals(event.id());
        }
        return found;
    }

    private void publish(DomainEvent event) {
        rabbit.send(EXCHANGE, event.type(), new org.springframework.amqp.core.Message(codec.encode(event)));
    }

    private ProcessInstance instanceOf(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
    }

    private LockedExternalTask awaitTask(String orderId, String topic) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<LockedExternalTask> locked = externalTasks.fetchAndLock(10, "it-worker")
                    .topic(topic, 10_000).businessKey(orderId).enableCustomObjectDeserialization().execute();
            return locked.isEmpty() ? null : locked.get(0);
        }, task -> task != null);
    }

    private void complete(String orderId, String topic, Map<String, Object> variables) {
        externalTasks.complete(awaitTask(orderId, topic).getId(), "it-worker", variables);
    }
}
