package dev.carepath.engine.journey;

import static dev.carepath.engine.journey.JourneyHarness.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.engine.decisions.ShippedDecisions;
import dev.carepath.eventing.testing.TestDatabase;
import dev.carepath.eventing.testing.UsesSharedDeployables;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every end event and every boundary event of {@code patient-journey}, on the real engine (PostgreSQL), with the
 * real decision tables, the real job-workers and the real partner simulator ({@link JourneyHarness}): no test
 * completes an external task. The test plays the portal: it forwards the patient's intake to the clinical store,
 * starts the cycle with {@code order.created}, and once a partner has acted (read from its ledger) publishes the
 * event the webhook ingress would (the visit's outcome, the parcel's fate) or the agent's cancel request. What
 * the partners do for an order is chosen with the simulator's sandbox scenarios; what the eligibility worker
 * decides, with the intake. Staff work the user tasks; timers fire by executing their job, never by waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@UsesSharedDeployables
class PatientJourneyProcessIT {

    @RegisterExtension
    static final JourneyHarness partners = new JourneyHarness();

    /** BMI 32.9, no contraindication: eligible (ELIGIBLE_BMI_30). */
    private static final Map<String, Object> ELIGIBLE = intake(170, 95, List.of());
    /** BMI 22.2: ineligible (BMI_TOO_LOW). */
    private static final Map<String, Object> INELIGIBLE = intake(175, 68, List.of());
    /** A history the table does not judge on its own: referred to a clinician (CLINICIAN_REVIEW). */
    private static final Map<String, Object> REFER = intake(170, 95, List.of("borderline-history"));

    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ExternalTaskService externalTasks;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired RepositoryService repository;
    @Autowired TestRestTemplate http;
    @Autowired JourneyEvents journeyEvents;
    @Autowired PlatformTransactionManager transactions;

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
        start("TX", ELIGIBLE);
        assertEligibility("eligible", "ELIGIBLE_BMI_30");
        assertThat(relayVisitCompleted()).isEqualTo("prescribed");
        relayShipped();
        relayDelivered();

        fireTimer("Event_FollowUpDue");

        assertEndedAt("EndEvent_NextCycleRequested");
        Map<String, Object> cycleDue = step("the next cycle requested").until(() -> jdbc.queryForList(
                "SELECT envelope::text AS e FROM orchestrator.outbox WHERE aggregate_id = ? AND event_type = ?",
                orderId, "order.cycle-due"), rows -> rows.size() == 1).get(0);
        assertThat(cycleDue.get("e").toString()).contains("\"cycle\": 2").contains("\"doseStep\": 1");
        assertThat(outcomes()).startsWith("journey.started", "journey.completed", "order.cycle-due");
        assertThat(titratedEvents()).as("the first cycle qualifies, it does not titrate (the second, started at once, may)")
                .allSatisfy(text -> assertThat(json(text).path("data").path("cycle").asInt()).isEqualTo(2));
        assertThat(charges(1)).hasSize(1);
        assertThat(refunds()).isEmpty();
        assertThat(partners.pharmacy("prescriptions", orderId)).singleElement()
                .satisfies(rx -> assertThat(rx.path("pharmacy").asText()).isEqualTo("cedar-pharmacy"));
    }

    @Test
    void theOrchestratorStartsTheNextCycleWithAFollowUpVisitAndTheTitrationDecision() {
        start("TX", ELIGIBLE);
        relayVisitCompleted();
        relayShipped();
        relayDelivered();
        fireTimer("Event_FollowUpDue");

        String second = step("the second cycle started").until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).variableValueEquals("cycle", 2).list(), l -> l.size() == 1)
                .get(0).getId();
        instanceId = second;
        step("the second cycle charged").until(() -> finished("Task_ChargePayment") == 1);

        assertThat(countActivity("Task_EvaluateEligibility")).isZero();
        assertThat(countActivity("Task_HoldFollowUpVisit")).isEqualTo(1);
        assertThat(runtime.getVariables(second)).containsEntry("cycle", 2).containsEntry("tolerated", true)
                .containsEntry("doseStep", 2).containsEntry("weeksToNextFollowUp", 4).doesNotContainKey("titration");
        assertThat(charges(2)).as("the second cycle is charged once, under its own key").hasSize(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(second).singleResult()
                .getProcessDefinitionId()).isEqualTo(latestDefinitionId());
        // The decision announced once, from the transaction that set it on the cycle: dose step and weeks, no finding.
        List<String> titrated = titratedEvents();
        assertThat(titrated).hasSize(1);
        JsonNode event = json(titrated.get(0));
        assertThat(event.path("source").asText()).isEqualTo("/carepath/engine/orchestrator");
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant);
        JsonNode data = event.path("data");
        assertThat(data.path("orderId").asText()).isEqualTo(orderId);
        assertThat(data.path("cycle").asInt()).isEqualTo(2);
        assertThat(data.path("doseStep").asInt()).isEqualTo(2);
        assertThat(data.path("weeksToNextFollowUp").asInt()).isEqualTo(4);
        assertThat(data.path("therapy").asText()).isEqualTo("semaglutide");
        assertThat(data.path("processInstanceId").asText()).isEqualTo(second);
        assertThat(data.has("tolerated")).as("the follow-up visit's finding stays in the engine").isFalse();
    }

    @Test
    void theTitrationOfACycleIsPublishedOnceHoweverOftenItsListenerRuns() {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getTenantId()).thenReturn(tenant);
        when(execution.getProcessInstanceId()).thenReturn("instance-of-cycle-3");
        when(execution.getVariable(JourneyVariables.ORDER_ID)).thenReturn(orderId);
        when(execution.getVariable(JourneyVariables.CYCLE)).thenReturn(3);
        when(execution.getVariable(JourneyVariables.THERAPY)).thenReturn("tirzepatide");
        when(execution.getVariable(JourneyVariables.DOSE_STEP)).thenReturn(3);
        when(execution.getVariable(JourneyVariables.WEEKS_TO_NEXT_FOLLOW_UP)).thenReturn(4);
        TransactionTemplate inTransaction = new TransactionTemplate(transactions);

        inTransaction.executeWithoutResult(status -> journeyEvents.titrated(execution));
        inTransaction.executeWithoutResult(status -> journeyEvents.titrated(execution));

        assertThat(titratedEvents()).singleElement().satisfies(text -> assertThat(json(text).path("data").path("cycle")
                .asInt()).isEqualTo(3));
    }

    @Test
    void anIneligiblePatientIsNotifiedAndTheCycleEnds() {
        start("TX", INELIGIBLE);

        assertEligibility("ineligible", "BMI_TOO_LOW");
        assertEndedAt("EndEvent_Ineligible");
        assertNotifiedOnce("ineligible");
        assertThat(charges()).isEmpty();
    }

    @Test
    void aTherapyNotOfferedInTheStateIsNotifiedAndTheCycleEnds() {
        start("LA", ELIGIBLE);

        assertEligibility("not-offered-in-state", "NOT_OFFERED_IN_STATE");
        assertEndedAt("EndEvent_NotOffered");
        assertNotifiedOnce("not-offered-in-state");
        assertThat(charges()).isEmpty();
    }

    @Test
    void aReferralApprovedByAClinicianThroughTheTasklistRestApiGoesOnToPayment() {
        start("TX", REFER);
        assertEligibility("refer", "CLINICIAN_REVIEW");
        Task review = awaitUserTask("UserTask_ReviewEligibility");
        assertThat(candidateGroups(review)).contains("clinicians");

        var response = http.withBasicAuth("clinician", "clinician-local").postForEntity(
                "/engine-rest/task/{id}/complete",
                Map.of("variables", Map.of("eligibilityApproved", Map.of("value", true, "type", "Boolean"))),
                String.class, review.getId());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        step("the cycle charged").until(() -> charges(1).size() == 1);
        step("the cycle past the charge").until(() -> finished("Task_ChargePayment") == 1);
    }

    @Test
    void aReferralDeniedByAClinicianEndsAsIneligible() {
        start("TX", REFER);
        tasks.complete(awaitUserTask("UserTask_ReviewEligibility").getId(), Map.of("eligibilityApproved", false));

        assertEndedAt("EndEvent_Ineligible");
        assertNotifiedOnce("ineligible");
        assertThat(charges()).isEmpty();
    }

    // ---- pay

    @Test
    void aDeclinedPaymentNotifiesCancelsTheOrderAndEnds() {
        start("TX", ELIGIBLE, "tok_decline_insufficient_funds");

        assertEndedAt("EndEvent_PaymentDeclined");
        assertPassed("BoundaryEvent_PaymentDeclined");
        assertNotifiedOnce("payment-declined");
        assertPassed("Task_CancelDeclinedOrder");
        assertThat(variable("orderCancellation")).isEqualTo("nothing-at-pharmacy");
        assertThat(outcomes()).containsExactly("journey.started", "journey.ended");
        assertThat(charges()).as("a declined card moves no money").isEmpty();
    }

    @Test
    void aProcessorOutageBecomesAnIncidentThatStaffCanRetry() {
        partners.faults("payments", Map.of("errorRate", 1.0));
        start("TX", ELIGIBLE);

        Incident incident = await("the incident").atMost(STEP).until(() -> runtime.createIncidentQuery()
                .processInstanceId(instanceId).incidentType("failedExternalTask").singleResult(), Objects::nonNull);
        assertThat(incident.getActivityId()).isEqualTo("Task_ChargePayment");
        assertThat(incident.getIncidentMessage()).contains("northpay");
        assertThat(charges()).isEmpty();
        // Published in the transaction that opened the incident: the activity and the type, not the worker's message.
        JsonNode opened = json(jdbc.queryForObject("SELECT envelope::text FROM orchestrator.outbox"
                + " WHERE aggregate_id = ? AND event_type = 'journey.incident-opened'", String.class, orderId));
        assertThat(opened.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(opened.path("data").path("orderId").asText()).isEqualTo(orderId);
        assertThat(opened.path("data").path("cycle").asInt()).isEqualTo(1);
        assertThat(opened.path("data").path("processInstanceId").asText()).isEqualTo(instanceId);
        assertThat(opened.path("data").path("incidentId").asText()).isEqualTo(incident.getId());
        assertThat(opened.path("data").path("incidentType").asText()).isEqualTo("failedExternalTask");
        assertThat(opened.path("data").path("activityId").asText()).isEqualTo("Task_ChargePayment");
        assertThat(opened.toString()).doesNotContain("northpay").doesNotContain(incident.getIncidentMessage());
        assertThat(outcomes()).containsExactly("journey.started", "journey.incident-opened");

        partners.healFaults();
        externalTasks.setRetries(externalTasks.createExternalTaskQuery().processInstanceId(instanceId)
                .activityId("Task_ChargePayment").singleResult().getId(), 1);

        step("the visit booked after the retry").until(() -> partners.visits(orderId).size() == 1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(charges(1)).hasSize(1);
        assertThat(outcomes()).as("one event per incident opened").containsOnlyOnce("journey.incident-opened");
    }

    // ---- see a doctor

    @Test
    void withoutALicensedNetworkCareOpsAssignsAProvider() {
        // Clinical ops took Montana out of Bluepeak's states (an edit of the routing table, no redeploy), so no
        // network is routed there; the shipped table is back in force after the test.
        String withoutMontana = new String(shippedProviderRouting(), StandardCharsets.UTF_8).replace(
                "<text>not(\"LA\",\"MS\",\"AL\")</text>", "<text>not(\"LA\",\"MS\",\"AL\",\"MT\")</text>");
        assertThat(withoutMontana.getBytes(StandardCharsets.UTF_8)).isNotEqualTo(shippedProviderRouting());
        deployProviderRouting(withoutMontana.getBytes(StandardCharsets.UTF_8), "clinical-ops-process-it");
        try {
            start("MT", ELIGIBLE);

            Task assign = awaitUserTask("UserTask_AssignProvider");
            assertThat(candidateGroups(assign)).contains("care-ops");
            assertThat(variable("providerNetwork")).isEqualTo("none");
            tasks.complete(assign.getId(), Map.of("providerNetwork", "bluepeak-clinicians"));

            JsonNode visit = step("the visit booked with the assigned network")
                    .until(() -> partners.visits(orderId), visits -> visits.size() == 1).get(0);
            assertThat(visit.path("network").asText()).isEqualTo("bluepeak-clinicians");
            assertThat(visit.path("stateCode").asText()).isEqualTo("MT");
            assertThat(charges(1)).hasSize(1);
        } finally {
            deployProviderRouting(shippedProviderRouting(), ShippedDecisions.DEPLOYMENT_NAME);
        }
    }

    @Test
    void anOverdueVisitIsRescheduledOnceThenHandedToCareOps() {
        partners.scenario(orderId, Map.of("visitOutcome", "no_show"));
        start("TX", ELIGIBLE);
        step("the visit booked").until(() -> partners.visits(orderId).size() == 1);

        fireTimer("BoundaryEvent_VisitOverdue");
        step("the visit booked again").until(() -> partners.visits(orderId).size() == 2);
        fireTimer("BoundaryEvent_VisitOverdue");

        Task assign = awaitUserTask("UserTask_AssignProvider");
        assertThat(candidateGroups(assign)).contains("care-ops");
        assertThat(countActivity("Task_RescheduleVisit")).isEqualTo(1);
        List<JsonNode> visits = partners.visits(orderId);
        assertThat(visits.get(1).path("idempotencyKey").asText()).endsWith(":visit:rescheduled");
        assertThat(visits).allSatisfy(visit -> assertThat(visit.path("outcome").isNull()).isTrue());
    }

    @Test
    void aDoctorWhoDeclinesToPrescribeRefundsThePaymentBeforeTheNotification() {
        partners.scenario(orderId, Map.of("visitOutcome", "not_prescribed"));
        start("TX", ELIGIBLE);

        assertThat(relayVisitCompleted()).isEqualTo("not_prescribed");

        assertEndedAt("EndEvent_NotPrescribed");
        assertRefundedOnceBeforeTheNotification("not-prescribed", "Task_NotifyNotPrescribed");
        assertThat(countActivity("Task_RecordRx")).isZero();
        assertThat(partners.pharmacy("prescriptions", orderId)).isEmpty();
    }

    // ---- prescribed

    @Test
    void aRejectedERxIsResubmittedToAnotherPharmacyThenCancelledByAPharmacist() {
        partners.scenario(orderId, Map.of("erxRejections",
                Map.of("cedar-pharmacy", "out_of_stock", "harbor-mail-rx", "prior_authorization_required")));
        start("TX", ELIGIBLE);
        relayVisitCompleted();

        Task resolve = awaitUserTask("UserTask_ResolveErxRejection");
        assertThat(candidateGroups(resolve)).contains("pharmacists");
        tasks.complete(resolve.getId(), Map.of("erxResolution", "resubmit", "pharmacy", "harbor-mail-rx"));
        Task again = awaitUserTask("UserTask_ResolveErxRejection");
        tasks.complete(again.getId(), Map.of("erxResolution", "cancel"));

        assertEndedAt("EndEvent_PrescriptionCancelled");
        assertThat(countActivity("BoundaryEvent_ErxRejected")).isEqualTo(2);
        List<JsonNode> rejections = partners.pharmacy("rejections", orderId);
        assertThat(rejections).extracting(rejection -> rejection.path("pharmacy").asText() + ": "
                + rejection.path("reason").asText())
                .containsExactly("cedar-pharmacy: out_of_stock", "harbor-mail-rx: prior_authorization_required");
        assertThat(rejections).extracting(rejection -> rejection.path("messageId").asText())
                .as("the same Rx id went to the second pharmacy").containsOnly(variable("rxId").toString());
        assertThat(partners.pharmacy("prescriptions", orderId)).isEmpty();
        assertRefundedOnceBeforeTheNotification("prescription-cancelled", "Task_NotifyRxCancelled");
        assertThat(variable("orderCancellation")).isEqualTo("nothing-at-pharmacy");
    }

    // ---- delivered

    @Test
    void aShipmentExceptionIsReshippedOnceThenCareOpsConfirmsDelivery() {
        partners.scenario(orderId, Map.of("parcelException", "lost"));
        start("TX", ELIGIBLE);
        relayVisitCompleted();

        String first = relayLostParcel(null);
        String reshipped = relayLostParcel(first);
        Task resolve = awaitUserTask("UserTask_ResolveDelivery");
        assertThat(candidateGroups(resolve)).contains("care-ops");
        tasks.complete(resolve.getId(), Map.of("deliveryResolution", "delivered"));
        fireTimer("Event_FollowUpDue");

        assertEndedAt("EndEvent_NextCycleRequested");
        assertThat(countActivity("Task_ReshipOrder")).isEqualTo(1);
        assertThat(countActivity("BoundaryEvent_ShipmentException")).isEqualTo(2);
        assertThat(reshipped).isNotEqualTo(first);
        assertThat(partners.pharmacy("prescriptions", orderId)).as("reshipped, not prescribed again").hasSize(1);
        assertThat(refunds()).isEmpty();
    }

    @Test
    void anOverdueDeliveryCareOpsCannotResolveFailsTheCycleWithCompensation() {
        partners.scenario(orderId, Map.of("holdDispense", true));
        start("TX", ELIGIBLE);
        relayVisitCompleted();
        awaitDeliveryWait();

        fireTimer("BoundaryEvent_DeliveryOverdue");
        tasks.complete(awaitUserTask("UserTask_ResolveDelivery").getId(), Map.of("deliveryResolution", "unrecoverable"));

        assertEndedAt("EndEvent_JourneyFailed");
        assertPassed("EndEvent_DeliveryUnrecoverable");
        assertPassed("StartEvent_Unrecoverable");
        assertRefundedOnceBeforeTheNotification("journey-failed", "Task_NotifyFailed");
        assertOrderCancelledAtThePharmacy();
    }

    // ---- cancel

    @Test
    void aCancelBeforeShipmentRefundsCancelsTheOrderAndNotifies() {
        partners.scenario(orderId, Map.of("holdDispense", true));
        start("TX", ELIGIBLE);
        relayVisitCompleted();
        awaitDeliveryWait();

        relayCancelRequested();

        assertEndedAt("EndEvent_Cancelled");
        assertThat(activity("Task_RefundPayment").getEndTime()).as("the order is cancelled after the refund")
                .isBeforeOrEqualTo(activity("Task_CancelOrderOnRequest").getStartTime());
        assertRefundedOnceBeforeTheNotification("order-cancelled", "Task_NotifyCancelled");
        assertOrderCancelledAtThePharmacy();
    }

    @Test
    void aCancelAfterShipmentStopsFutureCyclesOnly() {
        start("TX", ELIGIBLE);
        relayVisitCompleted();
        relayShipped();

        relayCancelRequested();

        assertEndedAt("EndEvent_RefillsStopped");
        assertNotifiedOnce("refills-stopped");
        assertThat(countActivity("Task_RefundPayment")).isZero();
        assertThat(countActivity("EndEvent_NextCycleRequested")).isZero();
        assertThat(charges(1)).hasSize(1);
        assertThat(refunds()).as("what shipped stays paid").isEmpty();
    }

    @Test
    void aCancelBeforeTheIntakeArrivedEndsTheJourneyAndRecordsTheNotificationItCouldNotSend() {
        start("TX", null, "tok_visa_4242", null);
        // Eligibility cannot be judged without the intake (its worker retries); the cancel interrupts it.
        await("the cycle waiting for a cancel").atMost(STEP).until(() -> runtime.createEventSubscriptionQuery()
                .processInstanceId(instanceId).eventName(EventTypes.ORDER_CANCEL_REQUESTED).count() > 0);
        partners.publish(EventTypes.ORDER_CANCEL_REQUESTED, tenant, orderId, Map.of("orderId", orderId, "cycle", 1,
                "reason", "agent-request"));

        assertEndedAt("EndEvent_Cancelled");
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(variable("notificationFailed")).as("no address to tell the patient").isEqualTo("no_intake_on_file");
        assertThat(jdbc.queryForList("SELECT reason FROM notifications.notification_failure WHERE order_id = ?"
                + " AND template_id = 'order-cancelled' AND trigger_type = 'notify-patient'", String.class, orderId))
                .containsExactly("no_intake_on_file");
        assertThat(endedOutcomes()).containsExactly("CANCELLED");
        assertThat(partners.messages(orderId)).isEmpty();
        assertThat(charges()).isEmpty();
    }

    @Test
    void aCancelWhileTheFollowUpIsDueStopsTheSeriesAndNoNextCycleStarts() {
        start("TX", ELIGIBLE);
        relayVisitCompleted();
        relayShipped();
        relayDelivered();
        step("the follow-up timer").until(() -> management.createJobQuery().processInstanceId(instanceId).timers()
                .activityId("Event_FollowUpDue").count() == 1);

        relayCancelRequested();

        assertEndedAt("EndEvent_RefillsStopped");
        assertThat(countActivity("EndEvent_NextCycleRequested")).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).count())
                .isEqualTo(1);
        assertThat(refunds()).isEmpty();
    }

    // ---- the programme: the cycles bought, and the dunning of a declined refill

    @Test
    void theLastCycleTheOrderBoughtEndsTheProgrammeCompletedWithoutAskingForAnother() {
        start("TX", ELIGIBLE, "tok_visa_4242", 1);
        relayVisitCompleted();
        relayShipped();
        relayDelivered();

        assertEndedAt("EndEvent_ProgrammeCompleted");
        assertThat(countActivity("Event_FollowUpDue")).isZero();
        assertThat(outcomes()).containsExactly("journey.started", "journey.completed");
        assertThat(jdbc.queryForObject("SELECT envelope::text FROM orchestrator.outbox WHERE aggregate_id = ?"
                + " AND event_type = 'journey.completed'", String.class, orderId))
                .contains("\"programmeCompleted\": true").contains("\"cyclesBought\": 1");
        assertThat(charges(1)).hasSize(1);
    }

    @Test
    void aDeclinedRefillIsNotifiedAndChargedAgainAfterTheDunningWait() {
        start("TX", ELIGIBLE, "tok_visa_4242", 2);
        declineTheRefill();

        Job retry = awaitChargeRetry();
        assertNotifiedOnce("payment-retry-scheduled", 2);
        partners.healFaults();
        management.executeJob(retry.getId());

        step("the retried charge captured, the refill going on to the visit").until(() -> finished("Task_RouteProvider") == 1);
        assertPassed("Event_ChargeRetryDue");
        assertThat(variable("chargeAttempt")).isEqualTo(2);
        assertThat(charges(2)).as("the declined first attempt moved no money").isEmpty();
        assertThat(charges().stream().filter(charge -> charge.path("idempotencyKey").asText()
                .equals(tenant + ":" + orderId + ":2:attempt-2"))).as("the retry, under its own key").hasSize(1);
    }

    @Test
    void aRefillDeclinedAgainAfterTheDunningWaitEndsTheSeriesPaymentDeclined() {
        start("TX", ELIGIBLE);
        declineTheRefill();

        management.executeJob(awaitChargeRetry().getId());

        assertEndedAt("EndEvent_PaymentDeclined");
        assertNotifiedOnce("payment-retry-scheduled", 2);
        assertNotifiedOnce("payment-declined", 2);
        assertThat(countActivity("Task_ChargePayment")).as("the first attempt and the retry").isEqualTo(2);
        assertThat(endedOutcomes()).containsExactly("PAYMENT_DECLINED");
        assertThat(charges()).as("only the first cycle was charged").hasSize(1);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).count())
                .as("no third cycle").isEqualTo(2);
    }

    /** Runs the first cycle to its follow-up, makes the processor decline, and starts the refill (cycle 2). */
    private void declineTheRefill() {
        relayVisitCompleted();
        relayShipped();
        relayDelivered();
        partners.faults("payments", Map.of("declineRate", 1.0));
        fireTimer("Event_FollowUpDue");
        instanceId = step("the refill started").until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).variableValueEquals("cycle", 2).list(), l -> l.size() == 1)
                .get(0).getId();
    }

    private Job awaitChargeRetry() {
        return step("the charge retry waiting").until(() -> management.createJobQuery().processInstanceId(instanceId)
                .timers().activityId("Event_ChargeRetryDue").singleResult(), Objects::nonNull);
    }

    // ---- the portal's part: the intake, the order, and what partners and agents report

    private void start(String state, Map<String, Object> intake) {
        start(state, intake, "tok_visa_4242");
    }

    private void start(String state, Map<String, Object> intake, String paymentToken) {
        start(state, intake, paymentToken, null);
    }

    /**
     * Stores the intake in the clinical store (none: the agent has not given it yet), then publishes
     * {@code order.created}, with the cycles bought when given, as the portal does.
     */
    private void start(String state, Map<String, Object> intake, String paymentToken, Integer cyclesBought) {
        if (intake != null) {
            partners.storeIntake(tenant, orderId, intake);
        }
        Map<String, Object> created = new LinkedHashMap<>(Map.of("orderId", orderId, "tenantId", tenant,
                "cycle", 1, "therapy", "semaglutide", "stateCode", state, "costTier", "standard",
                "paymentToken", paymentToken));
        if (cyclesBought != null) {
            created.put("cyclesBought", cyclesBought);
        }
        partners.publish(EventTypes.ORDER_CREATED, tenant, orderId, created);
        instanceId = step("the cycle started").until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).list(), started -> started.size() == 1).get(0).getId();
    }

    /** Once the network completed the order's visit: {@code visit.completed} with the outcome it reported. */
    private String relayVisitCompleted() {
        JsonNode visit = step("the visit completed at the network").until(() -> partners.visits(orderId).stream()
                .filter(booked -> booked.hasNonNull("outcome")).findFirst().orElse(null), Objects::nonNull);
        String outcome = visit.path("outcome").asText();
        correlate(EventTypes.VISIT_COMPLETED, Map.of("orderId", orderId, "visitId", visit.path("visitId").asText(),
                "providerNetwork", visit.path("network").asText(), "outcome", outcome));
        return outcome;
    }

    /** Once the pharmacy shipped the order's parcel: {@code shipment.shipped}, and the cycle knows it shipped. */
    private JsonNode relayShipped() {
        JsonNode shipment = step("the parcel shipped").until(() -> partners.pharmacy("shipments", orderId),
                shipments -> shipments.size() == 1).get(0);
        partners.publish(EventTypes.SHIPMENT_SHIPPED, tenant, orderId, shipmentData(shipment));
        step("the cycle knows it shipped").until(() -> Boolean.TRUE.equals(runtime.getVariable(instanceId, "shipped")));
        return shipment;
    }

    /** Once the carrier delivered the order's parcel: {@code shipment.delivered}. */
    private void relayDelivered() {
        JsonNode delivered = step("the parcel delivered").until(() -> partners.pharmacy("shipments", orderId).stream()
                .filter(shipment -> "delivered".equals(shipment.path("status").asText())).findFirst().orElse(null),
                Objects::nonNull);
        correlate(EventTypes.SHIPMENT_DELIVERED, shipmentData(delivered));
    }

    /**
     * A parcel other than {@code previous} shipped ({@code shipment.shipped}) and the carrier reported it lost
     * ({@code shipment.exception} with the carrier's reason); returns its tracking number.
     */
    private String relayLostParcel(String previous) {
        JsonNode shipment = step("a parcel shipped").until(() -> partners.pharmacy("shipments", orderId).stream()
                .filter(shipped -> !shipped.path("trackingNumber").asText().equals(previous)).findFirst().orElse(null),
                Objects::nonNull);
        String trackingNumber = shipment.path("trackingNumber").asText();
        partners.publish(EventTypes.SHIPMENT_SHIPPED, tenant, orderId, shipmentData(shipment));
        JsonNode parcel = step("the parcel lost by the carrier").until(() -> partners.parcel(trackingNumber),
                carried -> "EXCEPTION".equals(carried.path("stage").asText()));
        Map<String, Object> exception = shipmentData(shipment);
        exception.put("reason", parcel.path("incident").asText().toLowerCase(Locale.ROOT));
        correlate(EventTypes.SHIPMENT_EXCEPTION, exception);
        return trackingNumber;
    }

    /** The agent asks to cancel: {@code order.cancel-requested}, as the portal's agent API publishes it. */
    private void relayCancelRequested() {
        correlate(EventTypes.ORDER_CANCEL_REQUESTED, Map.of("orderId", orderId, "cycle", 1, "reason", "agent-request"));
    }

    private Map<String, Object> shipmentData(JsonNode shipment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId);
        data.put("rxId", shipment.path("messageId").asText());
        data.put("pharmacy", shipment.path("pharmacy").asText());
        data.put("pharmacyPrescriptionId", shipment.path("pharmacyPrescriptionId").asText());
        data.put("carrier", shipment.path("carrier").asText());
        data.put("trackingNumber", shipment.path("trackingNumber").asText());
        return data;
    }

    /** Publishes the event once the cycle waits for it, so the orchestrator's correlation finds the instance. */
    private void correlate(String message, Map<String, Object> data) {
        step("the cycle waiting for the event").until(() -> runtime.createEventSubscriptionQuery()
                .processInstanceId(instanceId).eventName(message).count() > 0);
        partners.publish(message, tenant, orderId, data);
    }

    /** The eRx was accepted and the cycle waits for the parcel. */
    private void awaitDeliveryWait() {
        step("the eRx accepted by the pharmacy").until(() -> partners.pharmacy("prescriptions", orderId).size() == 1);
        step("the cycle waiting for the parcel").until(() -> runtime.createExecutionQuery()
                .processInstanceId(instanceId).activityId("Task_AwaitDelivery").count() == 1);
    }

    /** Waits for a step of the cycle: at most {@link JourneyHarness#STEP}, no longer once the cycle has an incident. */
    private ConditionFactory step(String what) {
        return await(what).atMost(STEP)
                .failFast("the cycle has an incident", () -> assertThat(incidents()).isEmpty());
    }

    private List<String> incidents() {
        if (instanceId == null) {
            return List.of();
        }
        return runtime.createIncidentQuery().processInstanceId(instanceId).list().stream()
                .map(incident -> incident.getActivityId() + ": " + incident.getIncidentMessage()).toList();
    }

    // ---- staff and timers

    private Task awaitUserTask(String taskKey) {
        return step("user task " + taskKey).until(() -> tasks.createTaskQuery().processInstanceId(instanceId)
                .taskDefinitionKey(taskKey).singleResult(), Objects::nonNull);
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId).toList();
    }

    /** Fires the timer by executing its job: the due date is days away, so the job executor leaves it alone. */
    private void fireTimer(String activityId) {
        Job timer = step("timer " + activityId).until(() -> management.createJobQuery()
                .processInstanceId(instanceId).timers().activityId(activityId).singleResult(), Objects::nonNull);
        management.executeJob(timer.getId());
    }

    // ---- what happened: the engine's history and the partners' ledgers

    private void assertEligibility(String outcome, String reason) {
        step("the eligibility evaluated").until(() -> finished("Task_EvaluateEligibility") == 1);
        assertThat(variable("eligibilityOutcome")).isEqualTo(outcome);
        assertThat(variable("eligibilityReason")).isEqualTo(reason);
    }

    /**
     * The compensation of the cycle: charged once and refunded once, in full, the refund done before the patient
     * was told (by the engine's history and by the partners' clocks), and the patient told once.
     */
    private void assertRefundedOnceBeforeTheNotification(String notification, String notifyActivity) {
        assertThat(charges(1)).as("charged once").hasSize(1);
        JsonNode charge = charges(1).get(0);
        assertThat(refunds()).singleElement().satisfies(refund -> {
            assertThat(refund.path("chargeId").asText()).isEqualTo(charge.path("chargeId").asText());
            assertThat(refund.path("amountMinor").asLong()).isEqualTo(charge.path("amountMinor").asLong());
        });
        JsonNode message = assertNotifiedOnce(notification);
        assertThat(Instant.parse(refunds().get(0).path("at").asText()))
                .isBefore(Instant.parse(message.path("sentAt").asText()));
        assertThat(activity("Task_RefundPayment").getEndTime())
                .isBeforeOrEqualTo(activity(notifyActivity).getStartTime());
        assertThat(countActivity("Task_ChargePayment")).isEqualTo(1);
        assertThat(countActivity("Task_RefundPayment")).isEqualTo(1);
    }

    /** The cancel-order worker sent a CancelRx, and the pharmacy cancelled the prescription before filling it. */
    private void assertOrderCancelledAtThePharmacy() {
        assertThat(variable("orderCancellation")).isEqualTo("cancelled");
        assertThat(partners.pharmacy("cancellations", orderId)).singleElement()
                .satisfies(cancel -> assertThat(cancel.path("originalMessageId").asText())
                        .isEqualTo(variable("rxId").toString()));
        assertThat(partners.pharmacy("dispenses", orderId)).isEmpty();
    }

    /** The patient got exactly one message of this template for the first cycle; returns it. */
    private JsonNode assertNotifiedOnce(String template) {
        return assertNotifiedOnce(template, 1);
    }

    /** The patient got exactly one message of this template for the cycle; returns it. */
    private JsonNode assertNotifiedOnce(String template, int cycle) {
        step("notification " + template).until(() -> !sent(template, cycle).isEmpty());
        assertThat(sent(template, cycle)).hasSize(1);
        return sent(template, cycle).get(0);
    }

    private List<JsonNode> sent(String template, int cycle) {
        return partners.messages(orderId).stream()
                .filter(message -> template.equals(message.path("template").asText()))
                .filter(message -> message.path("idempotencyKey").asText()
                        .equals(tenant + ":" + orderId + ":" + cycle + ":" + template)).toList();
    }

    /** The outcomes of the order's {@code journey.ended} events. */
    private List<String> endedOutcomes() {
        return jdbc.queryForList("SELECT envelope->'data'->>'outcome' FROM orchestrator.outbox WHERE aggregate_id = ?"
                + " AND event_type = 'journey.ended' ORDER BY sequence", String.class, orderId);
    }

    /** The cycle's charges at the processors, under the cycle's idempotency key. */
    private List<JsonNode> charges(int cycle) {
        return charges().stream().filter(charge -> charge.path("idempotencyKey").asText()
                .equals(tenant + ":" + orderId + ":" + cycle)).toList();
    }

    private List<JsonNode> charges() {
        return partners.payments(orderId).stream().filter(entry -> "charge".equals(entry.path("type").asText()))
                .toList();
    }

    private List<JsonNode> refunds() {
        return partners.payments(orderId).stream().filter(entry -> "refund".equals(entry.path("type").asText()))
                .toList();
    }

    private void assertEndedAt(String endEventId) {
        step("the cycle ended at " + endEventId).until(() -> history.createHistoricProcessInstanceQuery()
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

    private long finished(String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId(activityId)
                .finished().count();
    }

    private HistoricActivityInstance activity(String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId(activityId)
                .singleResult();
    }

    /** A variable of the cycle, as the engine's history holds it (its last value). */
    private Object variable(String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName(name)
                .singleResult();
        assertThat(variable).as("variable " + name).isNotNull();
        return variable.getValue();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order's {@code order.titrated} events in the orchestrator's outbox, as envelope text. */
    private List<String> titratedEvents() {
        return jdbc.queryForList("SELECT envelope::text FROM orchestrator.outbox WHERE aggregate_id = ? AND event_type = ?"
                + " ORDER BY sequence", String.class, orderId, EventTypes.ORDER_TITRATED);
    }

    private List<String> outcomes() {
        return jdbc.queryForList("SELECT event_type FROM orchestrator.outbox WHERE aggregate_id = ? ORDER BY sequence",
                String.class, orderId);
    }

    private String latestDefinitionId() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(JourneyVariables.PROCESS_KEY)
                .latestVersion().withoutTenantId().singleResult().getId();
    }

    // ---- decision tables

    private static byte[] shippedProviderRouting() {
        return DecisionTables.shipped("provider-routing").orElseThrow().xml();
    }

    /** Deploys a version of provider-routing; under the engine's own deployment name it is the engine's again. */
    private void deployProviderRouting(byte[] xml, String deploymentName) {
        repository.createDeployment().name(deploymentName).source(deploymentName)
                .addInputStream("provider-routing.dmn", new ByteArrayInputStream(xml)).deploy();
    }

    /** An intake of an adult (born 1980) with the given measurements and contraindications. */
    private static Map<String, Object> intake(double heightCm, double weightKg, List<String> contraindications) {
        Map<String, Object> intake = new LinkedHashMap<>();
        intake.put("givenName", "Test");
        intake.put("familyName", "Patient");
        intake.put("dateOfBirth", "1980-05-17");
        intake.put("address", "1 Test Way, Austin TX 78701");
        intake.put("email", "test.patient@example.com");
        intake.put("heightCm", heightCm);
        intake.put("weightKg", weightKg);
        intake.put("comorbidities", List.of());
        intake.put("contraindications", contraindications);
        return intake;
    }
}
