package dev.carepath.simulator.ledger;

import dev.carepath.simulator.messaging.MessageLedger;
import dev.carepath.simulator.payments.PaymentLedger;
import dev.carepath.simulator.pharmacy.PharmacyLedger;
import dev.carepath.simulator.shipping.ShippingLedger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ledger/summary}: counted from the partners' ledgers at the time of the call. */
@RestController
class LedgerSummaryController {

    private final PaymentLedger payments;
    private final PharmacyLedger pharmacies;
    private final ShippingLedger carriers;
    private final MessageLedger messaging;

    LedgerSummaryController(PaymentLedger payments, PharmacyLedger pharmacies, ShippingLedger carriers,
                            MessageLedger messaging) {
        this.payments = payments;
        this.pharmacies = pharmacies;
        this.carriers = carriers;
        this.messaging = messaging;
    }

    @GetMapping("/ledger/summary")
    LedgerSummary summary() {
        return new LedgerSummary(payments.charges(), payments.refunds(), payments.doubleCharges(),
                pharmacies.prescriptions(), pharmacies.doublePrescriptions(), pharmacies.shipments(),
                carriers.parcelsTracked(), messaging.count(), messaging.count("email"), messaging.count("sms"),
                messaging.count("push"), pharmacies.cancellations());
    }

    /**
     * @param doubleCharges       (merchant account, order cycle) pairs charged more than once
     * @param doublePrescriptions eRx message ids that became more than one prescription
     * @param shipmentsTracked    parcels whose tracking was looked up at a carrier at least once
     * @param messages            messages the messaging providers sent (one per idempotency key)
     * @param emailMessages       of those, emails
     * @param smsMessages         of those, text messages
     * @param pushMessages        of those, push notifications
     * @param cancellations       prescriptions the pharmacies cancelled before dispensing them
     */
    record LedgerSummary(long charges, long refunds, long doubleCharges, long prescriptions,
                         long doublePrescriptions, long shipments, long shipmentsTracked, long messages,
                         long emailMessages, long smsMessages, long pushMessages, long cancellations) {
    }
}
