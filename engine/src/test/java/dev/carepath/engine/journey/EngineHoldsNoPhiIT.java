package dev.carepath.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * After a full cycle driven by events, no PHI value of the test patient (name, date of birth, address,
 * intake answers) is in any engine table, runtime or history, text or byte array. The patient's data ride
 * along in the order event, as if a client put them there: the orchestrator must copy routing facts only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineHoldsNoPhiIT {

    private static final List<String> PHI = List.of("Zephyrine", "Quillfeather", "1984-03-02", "03/02/1984",
            "12 Elm Street", "Austin TX 78701", "zephyrine.quillfeather@example.com", "pancreatitis-history",
            "gastroparesis", "172.5", "97.3");

    @Autowired RabbitTemplate rabbit;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ExternalTaskService externalTasks;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;

    private final EventCodec codec = new EventCodec();
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @Test
    void noPhiValueOfThePatientIsInAnyEngineTableAfterAFullCycle() {
        Map<String, Object> order = new LinkedHashMap<>(Map.of("orderId", orderId, "tenantId", tenant, "cycle", 1,
                "therapy", "semaglutide", "stateCode", "TX", "costTier", "standard", "paymentToken", "tok_phi_scan"));
        order.put("patient", Map.of("givenName", "Zephyrine", "familyName", "Quillfeather", "dateOfBirth", "1984-03-02",
                "address", "12 Elm Street, Austin TX 78701", "email", "zephyrine.quillfeather@example.com"));
        order.put("intake", Map.of("heightCm", "172.5", "weightKg", "97.3",
                "comorbidities", List.of("gastroparesis"), "contraindications", List.of("pancreatitis-history")));
        publish(EventTypes.ORDER_CREATED, order);
        String instanceId = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).singleResult(), instance -> instance != null).getId();

        complete("evaluate-eligibility", Map.of("eligibilityOutcome", "eligible", "eligibilityReason", "ELIGIBLE_BMI_30"));
        complete("charge-payment", Map.of("chargeId", "ch_phi", "processor", "northpay"));
        complete("schedule-visit", Map.of("visitId", "v-phi"));
        publish(EventTypes.VISIT_COMPLETED, Map.of("orderId", orderId, "visitId", "v-phi", "outcome", "prescribed"));
        complete("record-rx", Map.of("rxId", UUID.randomUUID().toString()));
        complete("submit-erx", Map.of("pharmacyPrescriptionId", "p-phi"));
        publish(EventTypes.SHIPMENT_DELIVERED, Map.of("orderId", orderId, "trackingNumber", "1ZPHI"));
        var followUp = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(instanceId).timers().activityId("Event_FollowUpDue").singleResult(), job -> job != null);
        management.executeJob(followUp.getId());
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).finished().count() == 1);

        List<String> columns = jdbc.queryForList("SELECT table_name || '.' || column_name || ':' || data_type"
                + " FROM information_schema.columns WHERE table_schema = 'engine'"
                + " AND data_type IN ('text', 'character varying', 'bytea')", String.class);
        assertThat(columns).as("engine text and byte columns").hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (String column : columns) {
            String table = column.substring(0, column.indexOf('.'));
            String name = column.substring(column.indexOf('.') + 1, column.indexOf(':'));
            boolean bytes = column.endsWith(":bytea");
            for (String value : PHI) {
                String where = bytes ? "position(convert_to(?, 'UTF8') in \"" + name + "\") > 0"
                        : "strpos(\"" + name + "\", ?) > 0";
                Long hits = jdbc.queryForObject("SELECT count(*) FROM engine.\"" + table + "\" WHERE " + where,
                        Long.class, value);
                if (hits > 0) {
                    found.add(table + "." + name + " holds " + value);
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).count())
                .as("the scan looked at a cycle that did record variables").isGreaterThan(5);
    }

    private void publish(String type, Map<String, Object> data) {
        var event = new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/carepath/it"), orderId, tenant, 1,
                OffsetDateTime.now(ZoneOffset.UTC), null, data);
        rabbit.send("carepath.events", type, new org.springframework.amqp.core.Message(codec.encode(event)));
    }

    private void complete(String topic, Map<String, Object> variables) {
        var task = await().atMost(Duration.ofSeconds(30)).until(() -> externalTasks.fetchAndLock(1, "phi-scan")
                .topic(topic, 10_000).businessKey(orderId).execute(), locked -> !locked.isEmpty()).get(0);
        externalTasks.complete(task.getId(), "phi-scan", variables);
    }
}
