package dev.carepath.connectors.simulator.pharmacy;

import dev.carepath.connectors.simulator.DelayedTasks;
import dev.carepath.connectors.simulator.IdempotentReplies;
import dev.carepath.connectors.simulator.Npi;
import dev.carepath.connectors.simulator.PartnerKind;
import dev.carepath.connectors.simulator.Reply;
import dev.carepath.connectors.simulator.faults.FaultInjector;
import dev.carepath.connectors.simulator.shipping.Carrier;
import dev.carepath.connectors.simulator.shipping.Parcel;
import dev.carepath.connectors.simulator.shipping.ShippingLedger;
import dev.carepath.connectors.simulator.webhooks.WebhookSender;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pharmacies' eRx intake. {@code POST /erx/{pharmacy}/newrx} answers 201 {@code accepted} for a new message
 * id and 200 with the same prescription for a message id seen before; an incomplete prescription, a quantity
 * below one or a prescriber NPI that fails its check digit is answered 422 {@code rejected}. An accepted
 * prescription ships after {@code ship-delay} and is delivered after {@code deliver-delay}, each announced at
 * {@code /webhooks/pharmacy/{pharmacy}}. The parcel goes with the pharmacy's carrier, which issues the tracking
 * number and is told of each step, so tracking agrees with the webhooks; a parcel the carrier reports as an
 * exception is never announced delivered. With the out-of-order webhook fault, {@code shipment.shipped} is held
 * back until {@code shipment.delivered} has been delivered. {@code GET /erx/ledger} lists prescriptions and
 * shipments.
 */
@RestController
@RequestMapping("/erx")
class PharmacySimulator {

    private final PharmacySimulatorProperties properties;
    private final PharmacyLedger ledger;
    private final DelayedTasks tasks;
    private final WebhookSender webhooks;
    private final FaultInjector faults;
    private final ShippingLedger carriers;
    private final IdempotentReplies replies = new IdempotentReplies();

    PharmacySimulator(PharmacySimulatorProperties properties, PharmacyLedger ledger, DelayedTasks tasks,
                      WebhookSender webhooks, FaultInjector faults, ShippingLedger carriers) {
        this.properties = properties;
        this.ledger = ledger;
        this.tasks = tasks;
        this.webhooks = webhooks;
        this.faults = faults;
        this.carriers = carriers;
    }

    @PostMapping("/{pharmacy}/newrx")
    ResponseEntity<Object> newRx(@PathVariable String pharmacy, @RequestBody NewRxBody body) {
        if (!properties.pharmacies().containsKey(pharmacy)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_pharmacy").toResponse();
        }
        if (body.messageId() == null || body.messageId().isBlank()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_message_id").toResponse();
        }
        Reply reply = replies.once(pharmacy + ":" + body.messageId(), body, () -> receive(pharmacy, body));
        boolean resubmitted = reply.replayed() && reply.status() == HttpStatus.CREATED;
        return (resubmitted ? reply.withStatus(HttpStatus.OK) : reply).toResponse();
    }

    @GetMapping("/ledger")
    PharmacyLedger.Entries ledger() {
        return ledger.entries();
    }

    private Reply receive(String pharmacy, NewRxBody body) {
        String problem = body.problem();
        if (problem != null) {
            Map<String, String> rejection = new LinkedHashMap<>();
            rejection.put("messageId", body.messageId());
            rejection.put("status", "rejected");
            rejection.put("error", problem);
            return Reply.of(HttpStatus.UNPROCESSABLE_ENTITY, rejection);
        }
        PharmacyLedger.Prescription prescription = new PharmacyLedger.Prescription(pharmacy, "rx_" + shortId(),
                body.messageId(), body.clientReference(), body.stateCode(), body.medication(), body.doseMg(),
                body.quantity(), Instant.now());
        ledger.accepted(prescription);
        tasks.after(properties.shipDelay(), "ship " + prescription.pharmacyPrescriptionId(), () -> ship(prescription));
        return Reply.of(HttpStatus.CREATED,
                new NewRxResponse(prescription.pharmacyPrescriptionId(), prescription.messageId(), "accepted"));
    }

    private void ship(PharmacyLedger.Prescription prescription) {
        String carrierName = properties.pharmacies().get(prescription.pharmacy()).carrier();
        Carrier carrier = Carrier.byName(carrierName).orElseThrow();
        Parcel parcel = carriers.pickUp(carrier, prescription.pharmacy(), Instant.now());
        PharmacyLedger.Shipment shipment = new PharmacyLedger.Shipment(prescription.pharmacy(),
                prescription.pharmacyPrescriptionId(), prescription.messageId(), prescription.clientReference(),
                carrierName, parcel.trackingNumber(), "shipped", parcel.scans().get(0).at(), null);
        ledger.shipped(shipment);
        ShipmentEvent shipped = event(ShipmentEvent.SHIPPED, shipment, shipment.shippedAt());
        boolean outOfOrder = faults.outOfOrderWebhooks(PartnerKind.ERX);
        if (!outOfOrder) {
            announce(shipment, shipped);
        }
        tasks.after(properties.deliverDelay().dividedBy(2), "in transit " + parcel.trackingNumber(),
                () -> carriers.inTransit(carrier, parcel.trackingNumber(), Instant.now()));
        tasks.after(properties.deliverDelay(), "deliver " + shipment.pharmacyPrescriptionId(),
                () -> deliver(carrier, shipment, outOfOrder ? shipped : null));
    }

    /** @param heldBack the {@code shipment.shipped} event the out-of-order fault kept back, or {@code null} */
    private void deliver(Carrier carrier, PharmacyLedger.Shipment shipped, ShipmentEvent heldBack) {
        Instant now = Instant.now();
        if (!carriers.delivered(carrier, shipped.trackingNumber(), now)) {
            // The carrier lost, damaged or returned it: nothing to announce but what was held back.
            if (heldBack != null) {
                announce(shipped, heldBack);
            }
            return;
        }
        PharmacyLedger.Shipment delivered = shipped.delivered(now);
        ledger.delivered(delivered);
        CompletableFuture<Void> announced = announce(delivered, event(ShipmentEvent.DELIVERED, delivered, now));
        if (heldBack != null) {
            announced.thenRun(() -> announce(shipped, heldBack));
        }
    }

    private static ShipmentEvent event(String type, PharmacyLedger.Shipment shipment, Instant occurredAt) {
        return new ShipmentEvent("evt_" + shortId(), type, shipment.pharmacyPrescriptionId(), shipment.messageId(),
                shipment.clientReference(), shipment.carrier(), shipment.trackingNumber(), occurredAt);
    }

    private CompletableFuture<Void> announce(PharmacyLedger.Shipment shipment, ShipmentEvent event) {
        return webhooks.send(PartnerKind.ERX, "/webhooks/pharmacy/" + shipment.pharmacy(), event);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    record NewRxBody(String messageId, String clientReference, String stateCode, String medication, String doseMg,
                     Integer quantity, String directions, String prescriberNpi) {

        /** Why a pharmacist would send this prescription back, or {@code null} if it can be filled. */
        String problem() {
            if (blank(clientReference) || blank(medication) || blank(doseMg) || blank(directions)
                    || stateCode == null || !stateCode.matches("[A-Za-z]{2}")) {
                return "incomplete_prescription";
            }
            if (quantity == null || quantity < 1) {
                return "invalid_quantity";
            }
            if (!Npi.isValid(prescriberNpi)) {
                return "invalid_prescriber_npi";
            }
            return null;
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    record NewRxResponse(String pharmacyPrescriptionId, String messageId, String status) {
    }
}
