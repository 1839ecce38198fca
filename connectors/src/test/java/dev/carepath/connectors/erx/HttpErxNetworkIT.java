package dev.carepath.connectors.erx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.testing.SimulatorTestBase;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The eRx adapter against the simulated pharmacies: one prescription per message id, whatever happens, and a
 * CancelRx that stops a prescription before it is dispensed (the pharmacies dispense 500 ms after accepting).
 */
class HttpErxNetworkIT extends SimulatorTestBase {

    private static final String VALID_NPI = "1234567893";

    private ErxNetwork erx;

    @BeforeEach
    void connectToTheSimulator() {
        erx = new HttpErxNetwork(partnerHttp());
    }

    @Test
    void submitsANewRxAndAResubmissionIsTheSamePrescription() {
        NewRx newRx = newRx("cedar-pharmacy", VALID_NPI);

        ErxReceipt receipt = erx.submitNewRx(newRx);
        ErxReceipt resubmitted = erx.submitNewRx(newRx);

        assertThat(receipt.pharmacy()).isEqualTo("cedar-pharmacy");
        assertThat(receipt.messageId()).isEqualTo(newRx.messageId());
        assertThat(receipt.pharmacyPrescriptionId()).startsWith("rx_");
        assertThat(resubmitted).isEqualTo(receipt);
        assertThat(prescriptionsFor(newRx.messageId())).hasSize(1);
    }

    @Test
    void concurrentSubmissionsOfOneMessageWriteOnePrescription() throws Exception {
        NewRx newRx = newRx("harbor-mail-rx", VALID_NPI);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        // The same latency for every racer, so that they reach the partner together.
        injectFaults(PartnerKind.ERX, "{\"latencyMs\": {\"min\": 20, \"max\": 20}}");
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<ErxReceipt>> racers = IntStream.range(0, 8).<Callable<ErxReceipt>>mapToObj(i -> () -> {
                start.await();
                return erx.submitNewRx(newRx);
            }).toList();
            List<Future<ErxReceipt>> results = racers.stream().map(workers::submit).toList();
            start.countDown();

            assertThat(results.stream().map(HttpErxNetworkIT::get).distinct().toList()).hasSize(1);
            assertThat(prescriptionsFor(newRx.messageId())).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aPrescriptionThePharmacistCannotFillIsRejected() {
        NewRx newRx = newRx("cedar-pharmacy", "1234567890");

        assertThatThrownBy(() -> erx.submitNewRx(newRx))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("cedar-pharmacy");
                    assertThat(rejected.code()).isEqualTo(ErxNetwork.ERX_REJECTED);
                    assertThat(rejected.reason()).isEqualTo("invalid_prescriber_npi");
                });
        assertThat(prescriptionsFor(newRx.messageId())).isEmpty();
    }

    @Test
    void anUnknownPharmacyIsNotFound() {
        assertThatThrownBy(() -> erx.submitNewRx(newRx("nowhere-pharmacy", VALID_NPI)))
                .isInstanceOfSatisfying(PartnerRejectedException.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(PartnerRejectedException.NOT_FOUND));
    }

    @Test
    void aFailingPharmacyIsUnavailableAndWritesNothing() {
        injectFaults(PartnerKind.ERX, "{\"errorRate\": 1.0}");
        NewRx newRx = newRx("cedar-pharmacy", VALID_NPI);

        assertThatThrownBy(() -> erx.submitNewRx(newRx)).isInstanceOf(PartnerUnavailableException.class);
        assertThat(prescriptionsFor(newRx.messageId())).isEmpty();
    }

    @Test
    void aSlowPharmacyTimesOutAndTheResubmissionDoesNotWriteASecondPrescription() {
        makeSlowerThanTheReadTimeout(PartnerKind.ERX);
        NewRx newRx = newRx("cedar-pharmacy", VALID_NPI);

        assertThatThrownBy(() -> erx.submitNewRx(newRx)).isInstanceOf(PartnerUnavailableException.class)
                // Given up by the read timeout, before the slow partner answered: the cause says so, not a clock.
                .hasRootCauseInstanceOf(HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> prescriptionsFor(newRx.messageId()).size() == 1);
        injectFaults(PartnerKind.ERX, "{\"latencyMs\": {\"min\": 0, \"max\": 0}}");
        ErxReceipt receipt = erx.submitNewRx(newRx);

        assertThat(prescriptionsFor(newRx.messageId())).singleElement().satisfies(prescription ->
                assertThat(prescription.path("pharmacyPrescriptionId").asText()).isEqualTo(receipt.pharmacyPrescriptionId()));
    }

    @Test
    void aCancelBeforeDispensingStopsThePrescriptionForGood() {
        ErxReceipt receipt = erx.submitNewRx(newRx("cedar-pharmacy", VALID_NPI));

        ErxCancellation cancellation = erx.cancelRx(cancelRx(receipt));

        assertThat(cancellation).isEqualTo(new ErxCancellation("cedar-pharmacy", receipt.messageId(), "cancelled"));
        // Dispensed would have been announced after 500 ms and shipped 200 ms later: neither ever comes.
        await().during(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(3))
                .until(() -> WEBHOOKS.deliveriesContaining(receipt.messageId()).isEmpty());
        assertThat(cancellationsFor(receipt.messageId())).singleElement().satisfies(cancelled ->
                assertThat(cancelled.path("pharmacyPrescriptionId").asText()).isEqualTo(receipt.pharmacyPrescriptionId()));
        assertThat(ledgerLines("dispenses", receipt.messageId())).isEmpty();
        assertThat(ledgerLines("shipments", receipt.messageId())).isEmpty();
    }

    @Test
    void aDispensedPrescriptionCannotBeCancelled() {
        ErxReceipt receipt = erx.submitNewRx(newRx("harbor-mail-rx", VALID_NPI));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerLines("dispenses", receipt.messageId()).size() == 1);

        assertThatThrownBy(() -> erx.cancelRx(cancelRx(receipt)))
                .isInstanceOfSatisfying(PartnerRejectedException.class, denied -> {
                    assertThat(denied.partner()).isEqualTo("harbor-mail-rx");
                    assertThat(denied.code()).isEqualTo(ErxNetwork.CANCEL_DENIED);
                    assertThat(denied.reason()).isEqualTo("already_dispensed");
                });
        assertThat(cancellationsFor(receipt.messageId())).isEmpty();
    }

    @Test
    void aPrescriptionThePharmacyNeverWroteCannotBeCancelled() {
        String unknownRx = "rx-" + UUID.randomUUID();

        assertThatThrownBy(() -> erx.cancelRx(new CancelRx("cedar-pharmacy", unknownRx + ":cancel", unknownRx,
                "patient_request")))
                .isInstanceOfSatisfying(PartnerRejectedException.class, denied -> {
                    assertThat(denied.code()).isEqualTo(ErxNetwork.CANCEL_DENIED);
                    assertThat(denied.reason()).isEqualTo("unknown_prescription");
                });
        assertThat(cancellationsFor(unknownRx)).isEmpty();
    }

    @Test
    void aResentCancelGetsTheSameAnswerAndCancelsOnce() {
        ErxReceipt receipt = erx.submitNewRx(newRx("cedar-pharmacy", VALID_NPI));
        long cancellationsBefore = getJson("/ledger/summary").path("cancellations").asLong();
        CancelRx cancel = cancelRx(receipt);

        ErxCancellation first = erx.cancelRx(cancel);
        ErxCancellation resent = erx.cancelRx(cancel);

        assertThat(resent).isEqualTo(first);
        assertThat(first.status()).isEqualTo("cancelled");
        assertThat(cancellationsFor(receipt.messageId())).singleElement().satisfies(cancelled ->
                assertThat(cancelled.path("messageId").asText()).isEqualTo(cancel.messageId()));
        assertThat(getJson("/ledger/summary").path("cancellations").asLong()).isEqualTo(cancellationsBefore + 1);
        // Reusing the cancel message id for something else is refused, not answered with the recorded reply.
        assertThatThrownBy(() -> erx.cancelRx(new CancelRx(cancel.pharmacy(), cancel.messageId(),
                cancel.originalMessageId(), "changed_my_mind")))
                .isInstanceOfSatisfying(PartnerRejectedException.class, conflict ->
                        assertThat(conflict.code()).isEqualTo(PartnerRejectedException.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aFailingPharmacyIsUnavailableAndCancelsNothing() {
        ErxReceipt receipt = erx.submitNewRx(newRx("cedar-pharmacy", VALID_NPI));
        injectFaults(PartnerKind.ERX, "{\"errorRate\": 1.0}");

        assertThatThrownBy(() -> erx.cancelRx(cancelRx(receipt))).isInstanceOf(PartnerUnavailableException.class);
        assertThat(cancellationsFor(receipt.messageId())).isEmpty();
    }

    @Test
    void aCancelWhoseAnswerIsLostTimesOutAndTheResendFindsItCancelled() {
        ErxReceipt receipt = erx.submitNewRx(newRx("harbor-mail-rx", VALID_NPI));
        loseEveryAnswer(PartnerKind.ERX);
        CancelRx cancel = cancelRx(receipt);

        assertThatThrownBy(() -> erx.cancelRx(cancel)).isInstanceOf(PartnerUnavailableException.class)
                // Given up by the read timeout, before the slow partner answered: the cause says so, not a clock.
                .hasRootCauseInstanceOf(HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> cancellationsFor(receipt.messageId()).size() == 1);
        injectFaults(PartnerKind.ERX, "{\"timeoutRate\": 0}");

        assertThat(erx.cancelRx(cancel))
                .isEqualTo(new ErxCancellation("harbor-mail-rx", receipt.messageId(), "cancelled"));
        assertThat(cancellationsFor(receipt.messageId())).hasSize(1);
        assertThat(ledgerLines("dispenses", receipt.messageId())).isEmpty();
    }

    private static CancelRx cancelRx(ErxReceipt receipt) {
        return new CancelRx(receipt.pharmacy(), receipt.messageId() + ":cancel-" + UUID.randomUUID(),
                receipt.messageId(), "patient_request");
    }

    private static NewRx newRx(String pharmacy, String prescriberNpi) {
        String orderId = "order-" + UUID.randomUUID();
        return new NewRx(pharmacy, "rx-" + UUID.randomUUID(), orderId, "TX", "semaglutide", "0.25", 4,
                "Inject 0.25 mg subcutaneously once weekly for 4 weeks", prescriberNpi);
    }

    private List<JsonNode> prescriptionsFor(String messageId) {
        return ledgerLines("prescriptions", messageId);
    }

    private List<JsonNode> cancellationsFor(String originalMessageId) {
        return select(getJson("/erx/ledger").path("cancellations"), field("originalMessageId", originalMessageId));
    }

    /** The lines of one part of the pharmacies' ledger for a NewRx message id. */
    private List<JsonNode> ledgerLines(String part, String messageId) {
        return select(getJson("/erx/ledger").path(part), field("messageId", messageId));
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError("submission failed", e);
        }
    }
}
