package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.workers.eligibility.EvaluateEligibilityWorker;
import dev.carepath.workers.notifications.NotifyPatientWorker;
import dev.carepath.workers.payments.ChargePaymentWorker;
import dev.carepath.workers.payments.RefundPaymentWorker;
import dev.carepath.workers.tasks.JourneyTask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The workers that qualify a patient, hold a later cycle's follow-up and unwind a cycle (refund, notify),
 * as production classes against the partner simulator over HTTP and the real PostgreSQL. The intake enters
 * through the clinical store's internal endpoint; only outcomes and reason codes come back to the process.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class CycleOutcomeWorkersIT extends WorkerTestSupport {

    @LocalServerPort int port;
    @Autowired EvaluateEligibilityWorker evaluateEligibility;
    @Autowired ChargePaymentWorker chargePayment;
    @Autowired RefundPaymentWorker refundPayment;
    @Autowired NotifyPatientWorker notifyPatient;
    @Autowired @Qualifier("scheduleVisitWorker") JourneyTask scheduleVisit;
    @Autowired @Qualifier("holdFollowUpVisitWorker") JourneyTask holdFollowUpVisit;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @Test
    void anIntakeSentToTheClinicalStoreIsJudgedByTheEligibilityTableAndOnlyTheOutcomeLeaves() {
        HttpStatusCode stored = putIntake(intake("1984-03-02", 170, 95, List.of(), List.of()));
        ExternalTaskService first = mock(ExternalTaskService.class);
        ExternalTaskService rerun = mock(ExternalTaskService.class);

        evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), first);
        evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), rerun);

        assertThat(stored.value()).isEqualTo(204);
        assertThat(completedWith(first)).containsOnly(Map.entry("eligibilityOutcome", "eligible"),
                Map.entry("eligibilityReason", "ELIGIBLE_BMI_30"));
        assertThat(completedWith(rerun)).isEqualTo(completedWith(first));
        assertThat(jdbc.queryForList("SELECT row_to_json(e)::text FROM eligibility.evaluation e WHERE order_id = ?",
                String.class, orderId)).singleElement().asString().doesNotContain("1984").doesNotContain("Ada");
        // patient.qualified once, though the task ran twice: the outcome, its reason and the routing facts, no PHI.
        JsonNode qualified = qualifiedEvents(orderId).get(0);
        assertThat(qualifiedEvents(orderId)).hasSize(1);
        assertThat(qualified.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(qualified.path("subject").asText()).isEqualTo(orderId);
        assertThat(qualified.path("source").asText()).isEqualTo("/carepath/job-workers/eligibility");
        assertThat(qualified.path("data").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("orderId", "outcome", "reasonCode", "decisionKey", "therapy", "stateCode");
        assertThat(qualified.path("data").path("outcome").asText()).isEqualTo("eligible");
        assertThat(qualified.path("data").path("reasonCode").asText()).isEqualTo("ELIGIBLE_BMI_30");
        assertThat(qualified.path("data").path("decisionKey").asText()).isEqualTo("eligibility");
        assertThat(qualified.path("data").path("stateCode").asText()).isEqualTo("TX");
        assertThat(qualified.toString()).doesNotContain("1984").doesNotContain("Ada").doesNotContain("ada@example.com")
                .doesNotContain("heightCm").doesNotContain("weightKg").doesNotContain("bmi");
    }

    @Test
    void twoWorkersJudgingOneOrderAtOnceKeepOneOutcomeAndPublishItOnce() throws Exception {
        putIntake(intake("1984-03-02", 170, 95, List.of(), List.of()));
        List<ExternalTaskService> services = List.of(mock(ExternalTaskService.class), mock(ExternalTaskService.class),
                mock(ExternalTaskService.class), mock(ExternalTaskService.class));
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> runs = services.stream().map(service -> pool.submit(() -> {
                start.await();
                evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), service);
                return (Object) service;
            })).toList();
            start.countDown();
            for (Future<Object> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (ExternalTaskService service : services) {
            assertThat(completedWith(service)).containsEntry("eligibilityOutcome", "eligible");
        }
        assertThat(count("SELECT count(*) FROM eligibility.evaluation WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(qualifiedEvents(orderId)).singleElement()
                .satisfies(event -> assertThat(event.path("sequence").asLong()).isEqualTo(1));
    }

    @Test
    void theNextEvaluationFollowsTheTableDeployedLastAndAnOrderJudgedBeforeKeepsItsOutcome() {
        String judgedBefore = UUID.randomUUID().toString();
        putIntake(judgedBefore, intake("1984-03-02", 170, 95, List.of(), List.of()));
        ExternalTaskService before = mock(ExternalTaskService.class);
        evaluateEligibility.execute(task(judgedBefore, Map.of("therapy", "semaglutide", "stateCode", "NV"), null), before);
        assertThat(completedWith(before)).containsEntry("eligibilityOutcome", "eligible");

        String shipped = EngineDecisionReads.shippedEligibility();
        String noNetworkInNevada = shipped.replace("<text>\"LA\",\"MS\",\"AL\"</text>",
                "<text>\"LA\",\"MS\",\"AL\",\"NV\"</text>");
        assertThat(noNetworkInNevada).isNotEqualTo(shipped);
        ENGINE_DECISIONS.deploy(noNetworkInNevada);
        try {
            putIntake(intake("1984-03-02", 170, 95, List.of(), List.of()));
            ExternalTaskService after = mock(ExternalTaskService.class);
            ExternalTaskService rerun = mock(ExternalTaskService.class);
            evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "NV"), null), after);
            evaluateEligibility.execute(task(judgedBefore, Map.of("therapy", "semaglutide", "stateCode", "NV"), null),
                    rerun);

            assertThat(completedWith(after)).containsOnly(Map.entry("eligibilityOutcome", "not-offered-in-state"),
                    Map.entry("eligibilityReason", "NOT_OFFERED_IN_STATE"));
            assertThat(completedWith(rerun)).as("an order judged before keeps its outcome")
                    .containsEntry("eligibilityOutcome", "eligible");
        } finally {
            ENGINE_DECISIONS.deployShipped();
        }
    }

    @Test
    void whileTheEngineIsUnavailableAPatientIsNotJudgedByATableThatMayNoLongerBeInForce() {
        putIntake(intake("1984-03-02", 170, 95, List.of(), List.of()));
        ExternalTaskService service = mock(ExternalTaskService.class);
        ENGINE_DECISIONS.unavailable(true);
        try {
            evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), service);
        } finally {
            ENGINE_DECISIONS.unavailable(false);
        }
        verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
        verify(service, never()).complete(any(ExternalTask.class), any());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eligibility.evaluation WHERE order_id = ?", Integer.class,
                orderId)).isZero();
    }

    @Test
    void anIntakeIsReplacedUntilEligibilityIsEvaluatedOnItAndKeptFromThenOn() {
        putIntake(intake(java.time.LocalDate.now().minusYears(16).toString(), 165, 90, List.of(), List.of()));
        byte[] first = storedIntake();
        HttpStatusCode replaced = putIntake(intake("1984-03-02", 170, 95, List.of(), List.of()));
        byte[] second = storedIntake();
        ExternalTaskService evaluated = mock(ExternalTaskService.class);
        evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), evaluated);

        var refused = RestClient.create("http://127.0.0.1:" + port).put()
                .uri("/internal/clinical/intakes/{tenant}/{order}", tenant, orderId)
                .headers(headers -> headers.setBasicAuth(intakeUser, intakePassword))
                .contentType(MediaType.APPLICATION_JSON)
                .body(intake("1990-01-01", 160, 60, List.of(), List.of()))
                .retrieve().onStatus(status -> true, (request, response) -> { }).toEntity(String.class);

        assertThat(replaced.value()).isEqualTo(204);
        assertThat(second).isNotEqualTo(first);
        assertThat(completedWith(evaluated)).containsEntry("eligibilityOutcome", "eligible");
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).contains("https://carepath.dev/problems/intake-closed").doesNotContain("1990");
        assertThat(storedIntake()).as("the intake the outcome was judged on stays").isEqualTo(second);
    }

    @Test
    void aMinorIsIneligibleAndAContraindicationOutsideTheTableIsReferred() {
        putIntake(intake(java.time.LocalDate.now().minusYears(16).toString(), 165, 90, List.of(), List.of()));
        ExternalTaskService minor = mock(ExternalTaskService.class);
        evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), minor);
        assertThat(completedWith(minor)).containsEntry("eligibilityOutcome", "ineligible")
                .containsEntry("eligibilityReason", "UNDER_18");

        String other = UUID.randomUUID().toString();
        putIntake(other, intake("1970-01-01", 180, 110, List.of("hypertension"), List.of("pancreatitis-history")));
        ExternalTaskService referred = mock(ExternalTaskService.class);
        evaluateEligibility.execute(task(other, Map.of("therapy", "tirzepatide", "stateCode", "CA"), null), referred);
        assertThat(completedWith(referred)).containsEntry("eligibilityOutcome", "refer");

        assertThat(qualifiedEvents(orderId)).singleElement().satisfies(event -> assertThat(event.path("data").toString())
                .contains("\"outcome\":\"ineligible\"").contains("\"reasonCode\":\"UNDER_18\""));
        assertThat(qualifiedEvents(other)).singleElement().satisfies(event -> assertThat(event.path("data").toString())
                .contains("\"outcome\":\"refer\"").contains("\"therapy\":\"tirzepatide\"")
                .doesNotContain("pancreatitis").doesNotContain("hypertension").doesNotContain("1970"));
    }

    @Test
    void anIntakeThatHasNotArrivedIsRetriedNotJudged() {
        ExternalTaskService service = mock(ExternalTaskService.class);

        evaluateEligibility.execute(task(Map.of("therapy", "semaglutide", "stateCode", "TX"), null), service);

        verify(service).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
        verify(service, never()).complete(any(ExternalTask.class), any());
        assertThat(qualifiedEvents(orderId)).as("nothing judged, nothing announced").isEmpty();
    }

    @Test
    void aCompensatedChargeIsRefundedOnceAndThePatientNotifiedOnce() {
        putIntake(intake("1984-03-02", 170, 95, List.of(), List.of()));
        Map<String, Object> vars = Map.of("cycle", 1, "therapy", "semaglutide", "paymentToken", "tok_visa_4242");
        ExternalTaskService charged = mock(ExternalTaskService.class);
        chargePayment.execute(task(vars, null), charged);
        String chargeId = completedWith(charged).get("chargeId").toString();

        ExternalTaskService refunded = mock(ExternalTaskService.class);
        ExternalTaskService refundRerun = mock(ExternalTaskService.class);
        refundPayment.execute(task(Map.of("cycle", 1), null), refunded);
        refundPayment.execute(task(Map.of("cycle", 1), null), refundRerun);
        ExternalTaskService notified = mock(ExternalTaskService.class);
        ExternalTaskService notifyRerun = mock(ExternalTaskService.class);
        notifyPatient.execute(task(Map.of("cycle", 1, "notification", "not-prescribed"), null), notified);
        notifyPatient.execute(task(Map.of("cycle", 1, "notification", "not-prescribed"), null), notifyRerun);

        String refundId = completedWith(refunded).get("refundId").toString();
        assertThat(completedWith(refundRerun)).containsEntry("refundId", refundId);
        JsonNode payments = get("/payments/ledger");
        assertThat(payments.findValues("chargeId").stream().map(JsonNode::asText).filter(chargeId::equals).count())
                .as("the charge and its one refund").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM payments.refund WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payments.outbox WHERE aggregate_id = ? AND event_type = 'payment.refunded'",
                orderId)).isEqualTo(1);
        String key = tenant + ":" + orderId + ":1:not-prescribed";
        assertThat(get("/messaging/ledger").findValues("idempotencyKey").stream().map(JsonNode::asText)
                .filter(key::equals)).hasSize(1);
        assertThat(count("SELECT count(*) FROM notifications.notification WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT envelope::text FROM notifications.outbox WHERE aggregate_id = ?",
                String.class, orderId)).singleElement().asString().doesNotContain("ada@example.com");
    }

    @Test
    void aLaterCycleFollowUpAsksTheTreatingNetworkOnceWhetherTheDoseIsTolerated() {
        ExternalTaskService booked = mock(ExternalTaskService.class);
        scheduleVisit.execute(task(Map.of("cycle", 1, "providerNetwork", "meridian-health", "stateCode", "TX",
                "therapy", "semaglutide"), null), booked);
        Map<String, Object> vars = Map.of("cycle", 2, "therapy", "semaglutide", "doseStep", 1);
        ExternalTaskService first = mock(ExternalTaskService.class);
        ExternalTaskService rerun = mock(ExternalTaskService.class);

        holdFollowUpVisit.execute(task(vars, null), first);
        holdFollowUpVisit.execute(task(vars, null), rerun);

        Object tolerated = completedWith(first).get("tolerated");
        assertThat(tolerated).isInstanceOf(Boolean.class);
        assertThat(completedWith(rerun)).containsEntry("tolerated", tolerated);
        assertThat(jdbc.queryForObject("SELECT provider_network FROM clinical.follow_up WHERE order_id = ?",
                String.class, orderId)).isEqualTo("meridian-health");
    }

    @Test
    void aVisitMovesToTheNetworkCareOpsAssignedAndIsBookedThereOnce() {
        ExternalTaskService first = mock(ExternalTaskService.class);
        scheduleVisit.execute(task(Map.of("cycle", 1, "providerNetwork", "meridian-health", "stateCode", "TX",
                "therapy", "semaglutide"), null), first);
        Map<String, Object> assigned = Map.of("cycle", 1, "providerNetwork", "bluepeak-clinicians", "stateCode", "TX",
                "therapy", "semaglutide");
        ExternalTaskService moved = mock(ExternalTaskService.class);
        ExternalTaskService rerun = mock(ExternalTaskService.class);

        scheduleVisit.execute(task(assigned, null), moved);
        scheduleVisit.execute(task(assigned, null), rerun);

        String visitId = completedWith(moved).get("visitId").toString();
        assertThat(visitId).isNotEqualTo(completedWith(first).get("visitId"));
        assertThat(completedWith(rerun)).containsEntry("visitId", visitId);
        assertThat(jdbc.queryForList("SELECT provider_network || ' ' || visit_id FROM clinical.visit WHERE order_id = ?",
                String.class, orderId)).containsExactly("bluepeak-clinicians " + visitId);
    }

    private Map<String, Object> intake(String dateOfBirth, double heightCm, double weightKg, List<String> comorbidities,
            List<String> contraindications) {
        Map<String, Object> intake = new HashMap<>();
        intake.put("givenName", "Ada");
        intake.put("familyName", "Quill");
        intake.put("dateOfBirth", dateOfBirth);
        intake.put("address", "12 Elm Street, Austin TX 78701");
        intake.put("email", "ada@example.com");
        intake.put("heightCm", heightCm);
        intake.put("weightKg", weightKg);
        intake.put("comorbidities", comorbidities);
        intake.put("contraindications", contraindications);
        return intake;
    }

    private byte[] storedIntake() {
        return jdbc.queryForObject("SELECT payload FROM clinical.intake WHERE tenant_id = ? AND order_id = ?",
                byte[].class, tenant, orderId);
    }

    private HttpStatusCode putIntake(Map<String, Object> intake) {
        return putIntake(orderId, intake);
    }

    private HttpStatusCode putIntake(String order, Map<String, Object> intake) {
        return storeIntake(port, tenant, order, intake);
    }

    private ExternalTask task(Map<String, Object> variables, Integer retries) {
        return task(orderId, variables, retries);
    }

    private ExternalTask task(String order, Map<String, Object> variables, Integer retries) {
        return WorkerTestSupport.task(tenant, order, variables, retries);
    }

    private JsonNode get(String path) {
        return WorkerTestSupport.ledger(simulator, path);
    }

    /** The order's {@code patient.qualified} events in the eligibility outbox, as envelopes. */
    private List<JsonNode> qualifiedEvents(String order) {
        return jdbc.queryForList("SELECT envelope::text FROM eligibility.outbox WHERE aggregate_id = ? AND event_type = ?"
                + " ORDER BY sequence", String.class, order, "patient.qualified").stream().map(WorkerTestSupport::json)
                .toList();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
