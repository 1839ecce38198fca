package dev.carepath.portal.readmodel;

import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.PaymentCaptured;
import dev.carepath.contracts.events.data.PaymentDeclined;
import dev.carepath.contracts.events.data.PaymentRefunded;
import dev.carepath.contracts.events.data.RxCancelled;
import dev.carepath.contracts.events.data.RxDispensed;
import dev.carepath.contracts.events.data.RxRecorded;
import dev.carepath.contracts.events.data.RxSubmitted;
import dev.carepath.contracts.events.data.ShipmentDelivered;
import dev.carepath.contracts.events.data.ShipmentException;
import dev.carepath.contracts.events.data.ShipmentShipped;
import dev.carepath.contracts.events.data.VisitCompleted;
import dev.carepath.contracts.events.data.VisitScheduled;

/**
 * The partners' ids an event names, which the journey shows and staff search by: each from the event types that
 * carry it, {@code null} where the event names none (the journey then keeps the one it knows).
 */
record PartnerIds(String processor, String chargeId, String providerNetwork, String visitId, String rxId,
        String pharmacy, String trackingNumber) {

    static final PartnerIds NONE = new PartnerIds(null, null, null, null, null, null, null);

    static PartnerIds of(EventData data) {
        if (data instanceof PaymentCaptured captured) {
            return payment(captured.processor(), captured.chargeId());
        }
        if (data instanceof PaymentDeclined declined) {
            return payment(declined.processor(), null);
        }
        if (data instanceof PaymentRefunded refunded) {
            return payment(refunded.processor(), refunded.chargeId());
        }
        if (data instanceof VisitScheduled scheduled) {
            return new PartnerIds(null, null, scheduled.providerNetwork(), scheduled.visitId(), null, null, null);
        }
        if (data instanceof VisitCompleted completed) {
            return new PartnerIds(null, null, completed.providerNetwork(), completed.visitId(), null, null, null);
        }
        if (data instanceof RxRecorded recorded) {
            return pharmacy(recorded.rxId(), null, null);
        }
        if (data instanceof RxSubmitted submitted) {
            return pharmacy(submitted.rxId(), submitted.pharmacy(), null);
        }
        if (data instanceof RxCancelled cancelled) {
            return pharmacy(cancelled.rxId(), cancelled.pharmacy(), null);
        }
        if (data instanceof RxDispensed dispensed) {
            return pharmacy(dispensed.rxId(), dispensed.pharmacy(), dispensed.trackingNumber());
        }
        if (data instanceof ShipmentShipped shipped) {
            return pharmacy(shipped.rxId(), shipped.pharmacy(), shipped.trackingNumber());
        }
        if (data instanceof ShipmentDelivered delivered) {
            return pharmacy(delivered.rxId(), delivered.pharmacy(), delivered.trackingNumber());
        }
        if (data instanceof ShipmentException exception) {
            return pharmacy(exception.rxId(), exception.pharmacy(), exception.trackingNumber());
        }
        return NONE;
    }

    private static PartnerIds payment(String processor, String chargeId) {
        return new PartnerIds(processor, chargeId, null, null, null, null, null);
    }

    private static PartnerIds pharmacy(String rxId, String pharmacy, String trackingNumber) {
        return new PartnerIds(null, null, null, null, rxId, pharmacy, trackingNumber);
    }
}
