package dev.carepath.simulator.pharmacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.simulator.pharmacy.PharmacyLedger.CancelOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A prescription is dispensed or cancelled, whichever comes first, and never both. */
class PharmacyLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final PharmacyLedger ledger = new PharmacyLedger();
    private final PharmacyLedger.Prescription prescription = new PharmacyLedger.Prescription("cedar-pharmacy", "rx_1",
            "rx-1", "order-1", "TX", "semaglutide", "0.25", 4, T0);

    @Test
    void aCancelledPrescriptionIsNeverDispensedAndIsCancelledOnce() {
        ledger.accepted(prescription);

        assertThat(ledger.cancel("cedar-pharmacy", "rx-1", "cancel-1", "patient_request", T0))
                .isEqualTo(CancelOutcome.CANCELLED);
        assertThat(ledger.cancel("cedar-pharmacy", "rx-1", "cancel-2", "patient_request", T0))
                .isEqualTo(CancelOutcome.ALREADY_CANCELLED);
        assertThat(ledger.dispensed(prescription, T0.plusSeconds(1))).isFalse();

        assertThat(ledger.cancellations()).isEqualTo(1);
        assertThat(ledger.entries().cancellations()).singleElement().satisfies(cancellation -> {
            assertThat(cancellation.pharmacyPrescriptionId()).isEqualTo("rx_1");
            assertThat(cancellation.originalMessageId()).isEqualTo("rx-1");
            assertThat(cancellation.messageId()).isEqualTo("cancel-1");
        });
        assertThat(ledger.entries().dispenses()).isEmpty();
    }

    @Test
    void aDispensedPrescriptionCannotBeCancelled() {
        ledger.accepted(prescription);

        assertThat(ledger.dispensed(prescription, T0)).isTrue();
        assertThat(ledger.cancel("cedar-pharmacy", "rx-1", "cancel-1", "patient_request", T0))
                .isEqualTo(CancelOutcome.ALREADY_DISPENSED);

        assertThat(ledger.cancellations()).isZero();
        assertThat(ledger.entries().dispenses()).extracting(PharmacyLedger.Dispense::pharmacyPrescriptionId)
                .containsExactly("rx_1");
    }

    @Test
    void aPharmacyKnowsOnlyItsOwnPrescriptions() {
        ledger.accepted(prescription);

        assertThat(ledger.cancel("harbor-mail-rx", "rx-1", "cancel-1", "patient_request", T0))
                .isEqualTo(CancelOutcome.UNKNOWN_PRESCRIPTION);
        assertThat(ledger.cancel("cedar-pharmacy", "rx-2", "cancel-2", "patient_request", T0))
                .isEqualTo(CancelOutcome.UNKNOWN_PRESCRIPTION);
        assertThat(ledger.cancellations()).isZero();
    }
}
