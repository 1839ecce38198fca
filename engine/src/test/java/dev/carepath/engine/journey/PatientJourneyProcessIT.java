package dev.carepath.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import dev.carepath.engine.security.EngineTenants;
import dev.carepath.eventing.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every end event and every boundary event of {@code patient-journey}, on the real engine (PostgreSQL),
 * with the real decision tables and the engine's own beans (journey events, timers, titration). The test
 * plays the external-task workers through the engine's external-task API (fetch and lock, complete, BPMN
 * error, failure) and the partners' events as message correlations; timers are fired by executing their
 * job, never by waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class PatientJourneyProcessIT {

    private static final String WORKER = "process-it";

    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ExternalTaskService externalTasks;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;
    @Autowired EngineTenants engineTenants;
    @Autowired TestRestTemplate http;

    /** The test's view of the stored rows (the orchestrator's outbox), past row-level security. */
    JdbcTemplate jdbc;

    @Autowired
    void inspect(DataSource dataSource) {
        jdbc = TestDatabase.superuser(dataSource);
    }

    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();
    private String instanceId;

    // ---- qualify

    @Test
    void anEligibleFirstCycleRunsToTheFollowUpAndRequestsTheNextCycle() {
        start(1, "TX");
        qualify("eligible");
        payVisitPrescribeAndShip();
        correlate("shipment.delivered");

        fireTimer("Event_FollowUpDue");

        assertEndedAt("EndEvent_NextCycleRequested");
        Map<String, Object> cycleDue = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT envelope::text AS e FROM orchestrator.outbox WHERE aggregate_id = ? AND event_type = ?",
                orderId, "order.cycle-due"), rows -> rows.size() == 1).get(0);
        assertThat(cycleDue.get("e").toString()).contains("\"cycle\": 2").contains("\"doseStep\": 1");
        assertThat(outcomes()).startsWith("journey.started", "journey.completed", "order.cycle-due");
    }

    @Test
    void theOrchestratorStartsTheNextCycleWithAFollowUpVisitAndTheTitrationDecision() {
        start(1, "TX");
        qualify("eligible");
        payVisitPrescribeAndShip();
        correlate("shipment.delivered");
        fireTimer("Event_FollowUpDue");

        String second = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).variableValueEquals("cycle", 2).list(), l -> l.size() == 1)
                .get(0).getId();
        instanceId = second;
        assertThat(fetch("evaluate-eligibility")).isEmpty();
        complete("hold-follow-up-visit", Map.of("tolerated", true));

        LockedExternalTask charge = awaitTask("charge-payment");
        assertThat(charge.getVariables()).containsEntry("cycle", 2).containsEntry("doseStep", 2)
                .containsEntry("weeksToNextFollowUp", 4).doesNotContainKey("titration");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(second).singleResult()
                .getProcessDefinitionId()).isEqualTo(latestDefinitionId());
    }

    @Test
    void anIneligiblePatientIsNotifiedAndTheCycleEnds() {
        start(1, "TX");
        qualify("ineligible");

        assertNotified("ineligible");
        assertEndedAt("EndEvent_Ineligible");
    }

    @Test
    void aTherapyNotOfferedInTheStateIsNotifiedAndTheCycleEnds() {
        start(1, "TX");
        qualify("not-offered-in-state");

        assertNotified("not-offered-in-state");
        assertEndedAt("EndEvent_NotOffered");
    }

    @Test
    void aReferralApprovedByAClinicianThroughTheTasklistRestApiGoesOnToPayment() {
        start(1, "TX");
        qualify("refer");
        Task review = awaitUserTask("UserTask_ReviewEligibility");
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
                .contains("clinicians");

        var response = http.withBasicAuth("clinician", "clinician-local").postForEntity(
                "/engine-rest/task/{id}/complete",
                Map.of("variables", Map.of("eligibilityApproved", Map.of("value", true, "type", "Boolean"))),
                String.class, review.getId());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(awaitTask("charge-payment")).isNotNull();
    }

    @Test
    void aReferralDeniedByAClinicianEndsAsIneligible() {
        start(1, "TX");
        qualify("refer");
        tasks.complete(awaitUserTask("UserTask_ReviewEligibility").getId(), Map.of("eligibilityApproved", false));

        assertNotified("ineligible");
        assertEndedAt("EndEvent_Ineligible");
    }

    // ---- pay

    @Test
    void aDeclinedPaymentNotifiesCancelsTheOrderAndEnds() {
        start(1, "TX");
        qualify("eligible");
        externalTasks.handleBpmnError(awaitTask("charge-payment").getId(), WORKER, "PAYMENT_DECLINED", "card_declined");

        assertNotified("payment-declined");
        complete("cancel-order", Map.of());
        assertEndedAt("EndEvent_PaymentDeclined");
        assertPassed("BoundaryEvent_PaymentDeclined");
        assertThat(outcomes()).containsExactly("journey.started", "journey.ended");
    }

    @Test
    void aProcessorOutageBecomesAnIncidentThatStaffCanRetry() {
        start(1, "TX");
        qualify("eligible");
        LockedExternalTask charge = awaitTask("charge-payment");
        externalTasks.handleFailure(charge.getId(), WORKER, "partner northpay unavailable", 0, 0);

        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).incidentType("failedExternalTask")
                .count()).isEqualTo(1);
        externalTasks.setRetries(charge.getId(), 1);

        complete("charge-payment", Map.of("chargeId", "ch_retried"));
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(awaitTask("schedule-visit")).isNotNull();
    }

    // ---- see a doctor

    @Test
    void withoutALicensedNetworkCareOpsAssignsAProvider() {
        start(1, "LA");
        qualify("eligible");
        complete("charge-payment", Map.of("chargeId", "ch_1"));

        Task assign = awaitUserTask("UserTask_AssignProvider");
        assertThat(tasks.getIdentityLinksForTask(assign.getId())).extracting(link -> link.getGroupId())
                .contains("care-ops");
        tasks.complete(assign.getId(), Map.of("providerNetwork", "bluepeak-clinicians"));

        assertThat(awaitTask("schedule-visit").getVariables()).containsEntry("providerNetwork", "bluepeak-clinicians");
    }

    @Test
    void anOverdueVisitIsRescheduledOnceThenHandedToCareOps() {
        start(1, "TX");
        qualify("eligible");
        complete("charge-payment", Map.of("chargeId", "ch_1"));
        complete("schedule-visit", Map.of("visitId", "v-1"));

        fireTimer("BoundaryEvent_VisitOverdue");
        complete("reschedule-visit", Map.of("visitRescheduled", true));
        fireTimer("BoundaryEvent_VisitOverdue");

        awaitUserTask("UserTask_AssignProvider");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId("Task_RescheduleVisit").count()).isEqualTo(1);
    }

    @Test
    void aDoctorWhoDeclinesToPrescribeRefundsThePaymentBeforeTheNotification() {
        start(1, "TX");
        qualify("eligible");
        complete("charge-payment", Map.of("chargeId", "ch_1"));
        complete("schedule-visit", Map.of("visitId", "v-1"));
        correlate("visit.completed", Map.of("visitOutcome", "not-prescribed"));

        LockedExternalTask refund = awaitTask("refund-payment");
        assertThat(refund.getVariables()).containsEntry("chargeId", "ch_1");
        assertThat(fetch("notify-patient")).as("no notification before the refund").isEmpty();
        externalTasks.complete(refund.getId(), WORKER, Map.of("refundId", "re_1"));

        assertNotified("not-prescribed");
        assertEndedAt("EndEvent_NotPrescribed");
        assertThat(countActivity("Task_ChargePayment")).isEqualTo(1);
        assertThat(countActivity("Task_RefundPayment")).isEqualTo(1);
        assertThat(countActivity("Task_NotifyNotPrescribed")).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId("Task_RefundPayment").singleResult().getEndTime())
                .isBeforeOrEqualTo(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                        .activityId("Task_NotifyNotPrescribed").singleResult().getStartTime());
    }

    // ---- prescribed

    @Test
    void aRejectedERxIsResubmittedToAnotherPharmacyThenCancelledByAPharmacist() {
        start(1, "TX");
        qualify("eligible");
        payAndPrescribe();
        externalTasks.handleBpmnError(awaitTask("submit-erx").getId(), WORKER, "ERX_REJECTED", "invalid_prescriber_npi");

        Task resolve = awaitUserTask("UserTask_ResolveErxRejection");
        assertThat(tasks.getIdentityLinksForTask(resolve.getId())).extracting(link -> link.getGroupId())
                .contains("pharmacists");
        tasks.complete(resolve.getId(), Map.of("erxResolution", "resubmit", "pharmacy", "harbor-pharmacy"));
        LockedExternalTask resubmission = awaitTask("submit-erx");
        assertThat(resubmission.getVariables()).containsEntry("pharmacy", "harbor-pharmacy");
        externalTasks.handleBpmnError(resubmission.getId(), WORKER, "ERX_REJECTED", "out_of_stock");
        tasks.complete(awaitUserTask("UserTask_ResolveErxRejection").getId(), Map.of("erxResolution", "cancel"));

        complete("refund-payment", Map.of("refundId", "re_1"));
        complete("cancel-order", Map.of());
        assertNotified("prescription-cancelled");
        assertEndedAt("EndEvent_PrescriptionCancelled");
        assertThat(countActivity("BoundaryEvent_ErxRejected")).isEqualTo(2);
    }

    // ---- delivered

    @Test
    void aShipmentExceptionIsReshippedOnceThenCareOpsConfirmsDelivery() {
        start(1, "TX");
        qualify("eligible");
        payVisitPrescribeAndShip();

        correlate("shipment.exception");
        complete("reship-order", Map.of("reshipped", true));
        correlate("shipment.exception");
        tasks.complete(awaitUserTask("UserTask_ResolveDelivery").getId(), Map.of("deliveryResolution", "delivered"));
        fireTimer("Event_FollowUpDue");

        assertEndedAt("EndEvent_NextCycleRequested");
        assertThat(countActivity("Task_ReshipOrder")).isEqualTo(1);
        assertThat(countActivity("BoundaryEvent_ShipmentException")).isEqualTo(2);
    }

    @Test
    void anOverdueDeliveryCareOpsCannotResolveFailsTheCycleWithCompensation() {
        start(1, "TX");
        qualify("eligible");
        payVisitPrescribeAndShip();

        fireTimer("BoundaryEvent_DeliveryOverdue");
        tasks.complete(awaitUserTask("UserTask_ResolveDelivery").getId(), Map.of("deliveryResolution", "unrecoverable"));

        complete("refund-payment", Map.of("refundId", "re_1"));
        complete("cancel-order", Map.of());
        assertNotified("journey-failed");
        assertEndedAt("EndEvent_JourneyFailed");
        assertPassed("EndEvent_DeliveryUnrecoverable");
        assertPassed("StartEvent_Unrecoverable");
    }

    // ---- cancel

    @Test
    void aCancelBeforeShipmentRefundsCancelsTheOrderAndNotifies() {
        start(1, "TX");
        qualify("eligible");
        payAndPrescribe();
        complete("submit-erx", Map.of("pharmacyPrescriptionId", "p-1"));

        correlate("order.cancel-requested");

        LockedExternalTask refund = awaitTask("refund-payment");
        assertThat(fetch("cancel-order")).as("the order is cancelled after the refund").isEmpty();
        externalTasks.complete(refund.getId(), WORKER, Map.of("refundId", "re_1"));
        complete("cancel-order", Map.of());
        assertNotified("order-cancelled");
        assertEndedAt("EndEvent_Cancelled");
        assertThat(countActivity("Task_RefundPayment")).isEqualTo(1);
    }

    @Test
    void aCancelAfterShipmentStopsFutureCyclesOnly() {
        start(1, "TX");
        qualify("eligible");
        payVisitPrescribeAndShip();
        runtime.setVariable(instanceId, "shipped", true);

        correlate("order.cancel-requested");

        assertNotified("refills-stopped");
        assertEndedAt("EndEvent_RefillsStopped");
        assertThat(countActivity("Task_RefundPayment")).isZero();
        assertThat(countActivity("EndEvent_NextCycleRequested")).isZero();
    }

    // ---- helpers: a protocol of tasks, messages and timers

    private void start(int cycle, String state) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderId", orderId);
        variables.put("tenantId", tenant);
        variables.put("cycle", cycle);
        variables.put("doseStep", 1);
        variables.put("therapy", "semaglutide");
        variables.put("stateCode", state);
        variables.put("costTier", "standard");
        variables.put("paymentToken", "tok_it");
        engineTenants.ensure(tenant);
        instanceId = runtime.createProcessInstanceByKey(JourneyVariables.PROCESS_KEY).businessKey(orderId)
                .setVariables(variables).execute().getId();
    }

    private void qualify(String outcome) {
        complete("evaluate-eligibility", Map.of("eligibilityOutcome", outcome, "eligibilityReason", "IT_CASE"));
    }

    private void payAndPrescribe() {
        complete("charge-payment", Map.of("chargeId", "ch_1"));
        complete("schedule-visit", Map.of("visitId", "v-1"));
        correlate("visit.completed", Map.of("visitOutcome", "prescribed"));
        complete("record-rx", Map.of("rxId", UUID.randomUUID().toString()));
    }

    private void payVisitPrescribeAndShip() {
        payAndPrescribe();
        complete("submit-erx", Map.of("pharmacyPrescriptionId", "p-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createExecutionQuery()
                .processInstanceId(instanceId).activityId("Task_AwaitDelivery").count() == 1);
    }

    private void correlate(String message) {
        correlate(message, Map.of());
    }

    private void correlate(String message, Map<String, Object> variables) {
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createEventSubscriptionQuery()
                .processInstanceId(instanceId).eventName(message).count() > 0);
        runtime.createMessageCorrelation(message).processInstanceId(instanceId).setVariables(variables).correlate();
    }

    private void fireTimer(String activityId) {
        Job timer = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(instanceId).timers().activityId(activityId).singleResult(), job -> job != null);
        management.executeJob(timer.getId());
    }

    private List<LockedExternalTask> fetch(String topic) {
        return externalTasks.fetchAndLock(1, WORKER).topic(topic, 10_000).businessKey(orderId).execute();
    }

    private LockedExternalTask awaitTask(String topic) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> fetch(topic), locked -> !locked.isEmpty()).get(0);
    }

    private void complete(String topic, Map<String, Object> variables) {
        externalTasks.complete(awaitTask(topic).getId(), WORKER, variables);
    }

    private void assertNotified(String notification) {
        LockedExternalTask notify = awaitTask("notify-patient");
        assertThat(notify.getVariables()).containsEntry("notification", notification);
        externalTasks.complete(notify.getId(), WORKER, Map.of());
    }

    private Task awaitUserTask(String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery().processInstanceId(instanceId)
                .taskDefinitionKey(taskKey).singleResult(), task -> task != null);
    }

    private void assertEndedAt(String endEventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).finished().count() == 1);
        assertPassed(endEventId);
    }

    private void assertPassed(String activityId) {
        assertThat(countActivity(activityId)).as(activityId).isPositive();
    }

    private long countActivity(String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId(activityId)
                .count();
    }

    private List<String> outcomes() {
        return jdbc.queryForList("SELECT event_type FROM orchestrator.outbox WHERE aggregate_id = ? ORDER BY sequence",
                String.class, orderId);
    }

    private String latestDefinitionId() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(JourneyVariables.PROCESS_KEY)
                .latestVersion().withoutTenantId().singleResult().getId();
    }
}
