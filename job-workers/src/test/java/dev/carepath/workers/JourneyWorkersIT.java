package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.workers.payments.ChargePaymentWorker;
import dev.carepath.workers.pharmacy.CancelOrderWorker;
import dev.carepath.workers.pharmacy.ReshipOrderWorker;
import dev.carepath.workers.pharmacy.SubmitErxWorker;
import dev.carepath.workers.tasks.JourneyTask;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The production worker classes against the real partner simulator over HTTP and the real PostgreSQL.
 * Only the engine's side of the conversation (the fetched task and the service that takes its outcome)
 * is played by the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the other worker ITs' cached context
@ActiveProfiles("it")
class JourneyWorkersIT extends WorkerTestSupport {

    @Autowired ChargePaymentWorker chargePayment;
    @Autowired @Qualifier("scheduleVisitWorker") JourneyTask scheduleVisit;
    @Autowired @Qualifier("recordRxWorker") JourneyTask recordRx;
    @Autowired SubmitErxWorker submitErx;
    @Autowired @Qualifier("rescheduleVisitWorker") JourneyTask rescheduleVisit;
    @Autowired CancelOrderWorker cancelOrder;
    @Autowired ReshipOrderWorker reshipOrder;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @AfterEach
    void healPartners() {
        simulator.delete().uri("/admin/faults").retrieve().toBodilessEntity();
        simulator.delete().uri("/admin/scenarios/{orderId}", orderId).retrieve().toBodilessEntity();
    }

    @Test
    void aCycleIsChargedOnceHoweverOftenTheTaskRuns() {
        Map<String, Object> vars = Map.of("cycle", 1, "therapy", "semaglutide", "paymentToken", "tok_visa_4242");
        ExternalTaskService first = mock(ExternalTaskService.class);
        ExternalTaskService second = mock(ExternalTaskService.class);
        ExternalTaskService afterLostCommit = mock(ExternalTaskService.class);

        chargePayment.execute(task(vars, null), first);
        chargePayment.execute(task(vars, null), second);
        // The worker crashed after the processor charged but before its own commit: row and event are gone.
        jdbc.update("DELETE FROM payments.charge WHERE tenant_id = ? AND order_id = ?", tenant, orderId);
        jdbc.update("DELETE FROM payments.outbox WHERE aggregate_id = ?", orderId);
        chargePayment.execute(task(vars, null), afterLostCommit);

        String chargeId = completedWith(first).get("chargeId").toString();
        assertThat(completedWith(second)).containsEntry("chargeId", chargeId);
        assertThat(completedWith(afterLostCommit)).containsEntry("chargeId", chargeId);
        JsonNode ledger = get("/payments/ledger");
        assertThat(ledger.findValues("idempotencyKey").stream().map(JsonNode::asText)
                .filter((tenant + ":" + orderId + ":1")::equals)).hasSize(1);
        assertThat(count("SELECT count(*) FROM payments.outbox WHERE aggregate_id = ? AND event_type = ?",
                orderId, "payment.captured")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT amount_minor FROM payments.charge WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(29900 + 4900);
    }

    @Test
    void aDeclinedCardIsTheModelsPaymentDeclinedErrorAndIsRecordedOnce() {
        Map<String, Object> vars = Map.of("cycle", 1, "therapy", "tirzepatide", "paymentToken", "tok_decline_insufficient");
        ExternalTaskService first = mock(ExternalTaskService.class);
        ExternalTaskService rerun = mock(ExternalTaskService.class);

        chargePayment.execute(task(vars, null), first);
        chargePayment.execute(task(vars, null), rerun);

        verify(first).handleBpmnError(any(ExternalTask.class), eq("PAYMENT_DECLINED"), anyString());
        verify(rerun).handleBpmnError(any(ExternalTask.class), eq("PAYMENT_DECLINED"), anyString());
        verify(first, never()).complete(any(ExternalTask.class), anyMap());
        assertThat(count("SELECT count(*) FROM payments.outbox WHERE aggregate_id = ? AND event_type = ?",
                orderId, "payment.declined")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payments.charge WHERE order_id = ? AND status = 'captured'", orderId))
                .isZero();
    }

    @Test
    void aProcessorOutageIsRetriedWithGrowingBackoffUntilTheIncident() {
        simulator.post().uri("/admin/faults/payments").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("errorRate", 1.0)).retrieve().toBodilessEntity();
        Map<String, Object> vars = Map.of("cycle", 1, "therapy", "semaglutide", "paymentToken", "tok_visa_4242");
        ExternalTaskService firstFailure = mock(ExternalTaskService.class);
        ExternalTaskService laterFailure = mock(ExternalTaskService.class);
        ExternalTaskService lastFailure = mock(ExternalTaskService.class);

        chargePayment.execute(task(vars, null), firstFailure);
        chargePayment.execute(task(vars, 2), laterFailure);
        chargePayment.execute(task(vars, 1), lastFailure);

        verify(firstFailure).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(11), eq(2_000L));
        verify(laterFailure).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(1), eq(60_000L));
        verify(lastFailure).handleFailure(any(ExternalTask.class), anyString(), anyString(), eq(0), anyLong());
        assertThat(count("SELECT count(*) FROM payments.charge WHERE order_id = ?", orderId)).isZero();
    }

    @Test
    void visitPrescriptionAndEPrescriptionAreEachCreatedOnceAndEventsCarryNoPhi() {
        String visitId = prescribingVisit();
        Map<String, Object> rxVars = Map.of("cycle", 1, "providerNetwork", "meridian-health", "visitId", visitId);
        ExternalTaskService rxService = mock(ExternalTaskService.class);
        ExternalTaskService rxRerun = mock(ExternalTaskService.class);
        recordRx.execute(task(rxVars, null), rxService);
        recordRx.execute(task(rxVars, null), rxRerun);
        String rxId = completedWith(rxService).get("rxId").toString();
        assertThat(completedWith(rxRerun)).containsEntry("rxId", rxId);

        Map<String, Object> erxVars = Map.of("cycle", 1, "rxId", rxId, "pharmacy", "cedar-pharmacy", "stateCode", "TX");
        ExternalTaskService erxService = mock(ExternalTaskService.class);
        ExternalTaskService erxRerun = mock(ExternalTaskService.class);
        submitErx.execute(task(erxVars, null), erxService);
        // Lost commit after the pharmacy accepted the NewRx: the resubmission reuses the Rx id as message id.
        jdbc.update("DELETE FROM pharmacy.erx_submission WHERE rx_id = ?::uuid", rxId);
        jdbc.update("DELETE FROM pharmacy.outbox WHERE aggregate_id = ?", orderId);
        submitErx.execute(task(erxVars, null), erxRerun);

        assertThat(completedWith(erxRerun).get("pharmacyPrescriptionId"))
                .isEqualTo(completedWith(erxService).get("pharmacyPrescriptionId"));
        JsonNode erxLedger = get("/erx/ledger");
        assertThat(erxLedger.findValues("messageId").stream().map(JsonNode::asText).filter(rxId::equals)).hasSize(1);
        // The medication as the pharmacy received it; the clinical store holds it sealed only.
        String medication = erxLedger.findValues("medication").get(0).asText();
        assertThat(medication).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT row_to_json(p)::text FROM clinical.prescription p"
                + " WHERE rx_id = ?::uuid", String.class, rxId)).doesNotContain(medication);
        assertThat(count("SELECT count(*) FROM clinical.prescription WHERE order_id = ?", orderId)).isEqualTo(1);
        String events = String.join("\n", jdbc.queryForList("SELECT envelope::text FROM clinical.outbox"
                + " WHERE aggregate_id = ? UNION ALL SELECT envelope::text FROM pharmacy.outbox WHERE aggregate_id = ?",
                String.class, orderId, orderId));
        assertThat(events).contains("visit.scheduled", "rx.recorded", "rx.submitted", rxId)
                .doesNotContain(medication);
    }

    @Test
    void aPharmacyThatRejectsTheNewRxIsTheModelsErxRejectedErrorAndNothingIsRecorded() {
        String rxId = recordedRx();
        simulator.put().uri("/admin/scenarios/{orderId}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("erxRejections", Map.of("cedar-pharmacy", "out_of_stock"))).retrieve().toBodilessEntity();
        ExternalTaskService rejected = mock(ExternalTaskService.class);

        submitErx.execute(task(Map.of("cycle", 1, "rxId", rxId, "pharmacy", "cedar-pharmacy", "stateCode", "TX"),
                null), rejected);

        verify(rejected).handleBpmnError(any(ExternalTask.class), eq("ERX_REJECTED"), eq("out_of_stock"));
        verify(rejected, never()).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
        assertThat(count("SELECT count(*) FROM pharmacy.erx_submission WHERE order_id = ?", orderId)).isZero();
    }

    @Test
    void anOverdueVisitIsBookedAgainOnceALostParcelShipsAgainOnceAndACancelSendsOneCancelRx() {
        ExternalTaskService visitService = mock(ExternalTaskService.class);
        Map<String, Object> visitVars = Map.of("cycle", 1, "providerNetwork", "meridian-health", "stateCode", "TX",
                "therapy", "semaglutide");
        scheduleVisit.execute(task(visitVars, null), visitService);
        String visitId = completedWith(visitService).get("visitId").toString();
        ExternalTaskService rescheduled = mock(ExternalTaskService.class);
        ExternalTaskService rescheduleRerun = mock(ExternalTaskService.class);
        rescheduleVisit.execute(task(visitVars, null), rescheduled);
        rescheduleVisit.execute(task(visitVars, null), rescheduleRerun);
        String newVisitId = completedWith(rescheduled).get("visitId").toString();
        assertThat(newVisitId).isNotEqualTo(visitId);
        assertThat(completedWith(rescheduled)).containsEntry("visitRescheduled", true);
        assertThat(completedWith(rescheduleRerun)).containsEntry("visitId", newVisitId);
        assertThat(jdbc.queryForObject("SELECT visit_id FROM clinical.visit WHERE order_id = ?", String.class, orderId))
                .isEqualTo(newVisitId);

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.get()
                .uri("/telehealth/meridian-health/visits/{id}/prescription", newVisitId)
                .exchange((request, response) -> response.getStatusCode().is2xxSuccessful()));
        ExternalTaskService rxService = mock(ExternalTaskService.class);
        recordRx.execute(task(Map.of("cycle", 1, "providerNetwork", "meridian-health", "visitId", newVisitId), null),
                rxService);
        String rxId = completedWith(rxService).get("rxId").toString();
        submitErx.execute(task(Map.of("cycle", 1, "rxId", rxId, "pharmacy", "cedar-pharmacy", "stateCode", "TX"),
                null), mock(ExternalTaskService.class));
        ExternalTaskService reshipped = mock(ExternalTaskService.class);
        ExternalTaskService reshipRerun = mock(ExternalTaskService.class);
        reshipOrder.execute(task(Map.of("cycle", 1), null), reshipped);
        reshipOrder.execute(task(Map.of("cycle", 1), null), reshipRerun);
        assertThat(completedWith(reshipped)).containsEntry("reshipped", true);
        assertThat(completedWith(reshipRerun)).containsEntry("reshipped", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/erx/ledger").path("shipments").findValues("messageId")
                .stream().map(JsonNode::asText).filter(rxId::equals).count() == 1);
        ExternalTaskService cancelled = mock(ExternalTaskService.class);
        ExternalTaskService cancelRerun = mock(ExternalTaskService.class);
        cancelOrder.execute(task(Map.of("cycle", 1), null), cancelled);
        cancelOrder.execute(task(Map.of("cycle", 1), null), cancelRerun);

        assertThat(completedWith(cancelRerun)).isEqualTo(completedWith(cancelled));
        assertThat(get("/erx/ledger").findValues("originalMessageId").stream().map(JsonNode::asText)
                .filter(rxId::equals)).hasSize(1);
        assertThat(count("SELECT count(*) FROM pharmacy.outbox WHERE aggregate_id = ? AND event_type = 'rx.cancelled'",
                orderId)).isEqualTo(1);
    }

    /** A visit of the order at Meridian Health, booked by the real worker, whose doctor wrote a prescription. */
    private String prescribingVisit() {
        ExternalTaskService visitService = mock(ExternalTaskService.class);
        scheduleVisit.execute(task(Map.of("cycle", 1, "providerNetwork", "meridian-health", "stateCode", "TX",
                "therapy", "semaglutide"), null), visitService);
        String visitId = completedWith(visitService).get("visitId").toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.get()
                .uri("/telehealth/meridian-health/visits/{id}/prescription", visitId)
                .exchange((request, response) -> response.getStatusCode().is2xxSuccessful()));
        return visitId;
    }

    /** A visit at Meridian Health that wrote a prescription, recorded in the clinical store: its Rx id. */
    private String recordedRx() {
        String visitId = prescribingVisit();
        ExternalTaskService rxService = mock(ExternalTaskService.class);
        recordRx.execute(task(Map.of("cycle", 1, "providerNetwork", "meridian-health", "visitId", visitId), null),
                rxService);
        return completedWith(rxService).get("rxId").toString();
    }

    private ExternalTask task(Map<String, Object> variables, Integer retries) {
        return WorkerTestSupport.task(tenant, orderId, variables, retries);
    }

    private JsonNode get(String path) {
        return WorkerTestSupport.ledger(simulator, path);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
