package dev.carepath.connectors.simulator.ledger;

import dev.carepath.connectors.simulator.payments.PaymentLedger;
import dev.carepath.connectors.simulator.pharmacy.PharmacyLedger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ledger/summary}: counted from the partners' ledgers at the time of the call. */
@RestController
class LedgerSummaryController {

    private final PaymentLedger payments;
    private final PharmacyLedger pharmacies;

    LedgerSummaryController(PaymentLedger payments, PharmacyLedger pharmacies) {
        this.payments = payments;
        this.pharmacies = pharmacies;
    }

    @GetMapping("/ledger/summary")
    LedgerSummary summary() {
        return new LedgerSummary(payments.charges(), payments.refunds(), payments.doubleCharges(),
                pharmacies.prescriptions(), pharmacies.doublePrescriptions(), pharmacies.shipments());
    }

    /**
     * @param doubleCharges       (merchant account, order cycle) pairs charged more than once
     * @param doublePrescriptions eRx message ids that became more than one prescription
     */
    record LedgerSummary(long charges, long refunds, long doubleCharges, long prescriptions,
                         long doublePrescriptions, long shipments) {
    }
}
