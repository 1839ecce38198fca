package dev.carepath.engine.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.engine.journey.JourneyMetrics;
import dev.carepath.engine.journey.JourneyProgrammes;
import dev.carepath.engine.security.EngineTenants;
import dev.carepath.eventing.EventInbox;
import dev.carepath.eventing.EventTracing;
import dev.carepath.eventing.Outbox;
import dev.carepath.eventing.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A partner that answers at once: the visit's {@code visit.completed} reaches the orchestrator while the worker's
 * completion of <i>Schedule visit</i> (which records the visit id and makes the cycle wait for the visit, in one
 * commit) is still on its way. The orchestrator asks whether the cycle waits, and the completion commits right after
 * that answer: the event must then wait in the buffer for the cycle, not be taken for a duplicate of a visit the
 * cycle has already passed. The bench's zero-latency partners hit this; the cycle then waited for its visit SLA.
 *
 * <p>The test hands the event to an orchestrator of its own, built from the application's beans around an
 * {@link OrderJourneys} that lets the booking commit right after that answer (in the shared test context: a second
 * application context would register a second engine under the same name).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class VisitCompletedRaceIT {

    private static final String EXCHANGE = "carepath.events";

    @Autowired RabbitTemplate rabbit;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ExternalTaskService externalTasks;
    @Autowired EventInbox inbox;
    @Autowired EngineTenants tenants;
    @Autowired OrchestratorRecords records;
    @Autowired JourneyProgrammes programmes;
    @Autowired Outbox outbox;
    @Autowired EventTracing tracing;
    @Autowired JourneyMetrics metrics;

    JdbcTemplate jdbc;

    @Autowired
    void inspect(DataSource dataSource) {
        jdbc = TestDatabase.superuser(dataSource);
    }

    private final EventCodec codec = new EventCodec();
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aVisitCompletedThatOvertakesTheBookingsCommitWaitsForTheCycle() {
        String orderId = UUID.randomUUID().toString();
        publish(event(EventTypes.ORDER_CREATED, orderId, Map.of("orderId", orderId, "tenantId", tenant, "cycle", 1,
                "therapy", "semaglutide", "stateCode", "TX", "costTier", "standard", "paymentToken", "tok_it_1")));
        complete(orderId, "evaluate-eligibility", Map.of("eligibilityOutcome", "eligible",
                "eligibilityReason", "ELIGIBLE_BMI_30"));
        complete(orderId, "charge-payment", Map.of("chargeId", "ch_race", "processor", "northpay"));
        LockedExternalTask scheduleVisit = awaitTask(orderId, "schedule-visit");
        String instanceId = scheduleVisit.getProcessInstanceId();

        // The booking's commit lands just after the orchestrator's first "does the cycle wait?" for this instance.
        AtomicReference<String> pending = new AtomicReference<>(scheduleVisit.getId());
        OrderJourneys racing = new OrderJourneys(runtime, history) {
            @Override
            boolean waitsFor(String processInstanceId, String messageName) {
                boolean waits = super.waitsFor(processInstanceId, messageName);
                String taskId = instanceId.equals(processInstanceId) ? pending.getAndSet(null) : null;
                if (taskId != null) {
                    // Another thread: the worker's own transaction, committed before the orchestrator reads on.
                    CompletableFuture.runAsync(() -> externalTasks.complete(taskId, "it-worker",
                            Map.of("visitId", "v-race"))).join();
                }
                return waits;
            }
        };
        JourneyOrchestrator orchestrator = new JourneyOrchestrator(inbox, runtime, tenants, racing, records,
                programmes, outbox, tracing, metrics);

        DomainEvent completed = event(EventTypes.VISIT_COMPLETED, orderId, Map.of("orderId", orderId,
                "visitId", "v-race", "outcome", "prescribed"));
        orchestrator.accept(MessageBuilder.withPayload(codec.encode(completed)).build());
        assertThat(pending.get()).as("the booking committed in the race window").isNull();

        // The cycle goes past the visit wait: the event was buffered and then correlated, not dropped.
        LockedExternalTask recordRx = awaitTask(orderId, "record-rx");
        assertThat(recordRx.getProcessInstanceId()).isEqualTo(instanceId);
        assertThat(jdbc.queryForList("SELECT reason FROM orchestrator.ignored_event WHERE event_id = ?::uuid",
                String.class, completed.id())).as("not recorded as a duplicate").isEmpty();
    }

    private DomainEvent event(String type, String orderId, Map<String, Object> data) {
        return new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/carepath/it"), orderId, tenant, 1,
                OffsetDateTime.now(ZoneOffset.UTC), null, data);
    }

    private void publish(DomainEvent event) {
        rabbit.send(EXCHANGE, event.type(), new org.springframework.amqp.core.Message(codec.encode(event)));
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
