package dev.carepath.engine.journey;

import static dev.carepath.engine.journey.JourneyHarness.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.testing.PhiScan;
import dev.carepath.eventing.testing.UsesSharedDeployables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * After a full cycle with the real job-workers and the partner simulator ({@link JourneyHarness}), no PHI value
 * of the test patient (name, date of birth, address, e-mail, intake answers, the prescription's details) is in
 * any engine table, runtime or history, text or byte array. The intake goes where the portal sends it, the
 * clinical store, and the eligibility worker judges it there (a history the table refers to a clinician, who
 * approves in the Tasklist); the same data also ride along in the order event, as if a client put them there: the
 * orchestrator must copy routing facts only. The job-workers' log holds none of it either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@UsesSharedDeployables
class EngineHoldsNoPhiIT {

    @RegisterExtension
    static final JourneyHarness partners = new JourneyHarness();

    private static final List<String> PATIENT_PHI = List.of("Zephyrine", "Quillfeather", "1984-03-02", "03/02/1984",
            "12 Elm Street", "Austin TX 78701", "zephyrine.quillfeather@example.com", "pancreatitis-history",
            "gastroparesis", "172.5", "97.3");

    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;

    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();
    private String instanceId;

    @Test
    void noPhiValueOfThePatientIsInAnyEngineTableAfterAFullCycle() {
        Map<String, Object> intake = new LinkedHashMap<>();
        intake.put("givenName", "Zephyrine");
        intake.put("familyName", "Quillfeather");
        intake.put("dateOfBirth", "1984-03-02");
        intake.put("address", "12 Elm Street, Austin TX 78701");
        intake.put("email", "zephyrine.quillfeather@example.com");
        intake.put("heightCm", 172.5);
        intake.put("weightKg", 97.3);
        intake.put("comorbidities", List.of("gastroparesis"));
        intake.put("contraindications", List.of("pancreatitis-history"));
        partners.storeIntake(tenant, orderId, intake);
        Map<String, Object> order = new LinkedHashMap<>(Map.of("orderId", orderId, "tenantId", tenant, "cycle", 1,
                "therapy", "semaglutide", "stateCode", "TX", "costTier", "standard", "paymentToken", "tok_phi_scan"));
        order.put("patient", Map.of("givenName", "Zephyrine", "familyName", "Quillfeather", "dateOfBirth", "1984-03-02",
                "address", "12 Elm Street, Austin TX 78701", "email", "zephyrine.quillfeather@example.com"));
        order.put("intake", intake);
        partners.publish(EventTypes.ORDER_CREATED, tenant, orderId, order);
        instanceId = await().atMost(STEP).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).list(), started -> started.size() == 1).get(0).getId();

        var review = await().atMost(STEP).until(() -> tasks.createTaskQuery().processInstanceId(instanceId)
                .taskDefinitionKey("UserTask_ReviewEligibility").singleResult(), Objects::nonNull);
        tasks.complete(review.getId(), Map.of("eligibilityApproved", true));
        JsonNode visit = await().atMost(STEP).until(() -> partners.visits(orderId).stream()
                .filter(booked -> booked.hasNonNull("outcome")).findFirst().orElse(null), Objects::nonNull);
        correlate(EventTypes.VISIT_COMPLETED, Map.of("orderId", orderId, "visitId", visit.path("visitId").asText(),
                "providerNetwork", visit.path("network").asText(), "outcome", visit.path("outcome").asText()));
        JsonNode prescription = partners.prescription(visit.path("network").asText(), visit.path("visitId").asText());
        JsonNode delivered = await().atMost(STEP).until(() -> partners.pharmacy("shipments", orderId).stream()
                .filter(shipment -> "delivered".equals(shipment.path("status").asText())).findFirst().orElse(null),
                Objects::nonNull);
        correlate(EventTypes.SHIPMENT_DELIVERED, Map.of("orderId", orderId, "rxId", delivered.path("messageId").asText(),
                "pharmacy", delivered.path("pharmacy").asText(), "carrier", delivered.path("carrier").asText(),
                "trackingNumber", delivered.path("trackingNumber").asText()));
        var followUp = await().atMost(STEP).until(() -> management.createJobQuery()
                .processInstanceId(instanceId).timers().activityId("Event_FollowUpDue").singleResult(), Objects::nonNull);
        management.executeJob(followUp.getId());
        await().atMost(STEP).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).finished().count() == 1);

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId("EndEvent_NextCycleRequested").count()).as("the cycle ran to its end").isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("eligibilityReason").singleResult().getValue())
                .as("the eligibility worker judged the intake").isEqualTo("CLINICIAN_REVIEW");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).count())
                .as("the scan looks at a cycle that did record variables").isGreaterThan(5);
        List<String> phi = new ArrayList<>(PATIENT_PHI);
        phi.add(prescription.path("directions").asText());
        phi.add(prescription.path("prescriberNpi").asText());
        assertThat(phi).doesNotContain("");

        assertThat(PhiScan.scannedColumns(jdbc, "engine")).as("engine text and byte columns").isGreaterThan(50);
        assertThat(PhiScan.columnsHolding(jdbc, "engine", phi)).isEmpty();
        // Not the bare measurements: a log's timings ("Started ... in 97.312 seconds") may spell them by chance.
        assertThat(phi.stream().filter(value -> !value.matches("[0-9]+\\.[0-9]+")))
                .as("PHI in the job-workers' log").noneMatch(partners.workersOutput()::contains);
    }

    /** Publishes the event, as the portal's webhook ingress would, once the cycle waits for it. */
    private void correlate(String message, Map<String, Object> data) {
        await().atMost(STEP).until(() -> runtime.createEventSubscriptionQuery()
                .processInstanceId(instanceId).eventName(message).count() > 0);
        partners.publish(message, tenant, orderId, data);
    }
}
