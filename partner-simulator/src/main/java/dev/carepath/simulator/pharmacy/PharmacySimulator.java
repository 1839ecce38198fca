package dev.carepath.simulator.pharmacy;

import dev.carepath.simulator.DelayedTasks;
import dev.carepath.simulator.IdempotentReplies;
import dev.carepath.simulator.Npi;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.simulator.Reply;
import dev.carepath.simulator.faults.FaultInjector;
import dev.carepath.simulator.scenarios.SandboxScenario;
import dev.carepath.simulator.scenarios.SandboxScenarios;
import dev.carepath.simulator.shipping.Carrier;
import dev.carepath.simulator.shipping.Parcel;
import dev.carepath.simulator.shipping.ShippingLedger;
import dev.carepath.simulator.webhooks.WebhookSender;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pharmacies' eRx intake.
 * <ul>
 *   <li>{@code POST /erx/{pharmacy}/newrx} answers 201 {@code accepted} for a new message id and 200 with the
 *       same prescription for a message id seen before; an incomplete prescription, a quantity below one or a
 *       prescriber NPI that fails its check digit is answered 422 {@code rejected}, and so is one the order's
 *       sandbox scenario has this pharmacy reject ({@link SandboxScenario#erxRejections()}, with its reason).</li>
 *   <li>{@code POST /erx/{pharmacy}/cancelrx} ({@code messageId}, {@code originalMessageId}, {@code reason})
 *       answers 200 {@code cancelled} while the prescription written for {@code originalMessageId} is not yet
 *       dispensed (or was cancelled before), and 422 {@code already_dispensed} or {@code unknown_prescription}
 *       otherwise. Its {@code messageId} is the idempotency key: sent again, it gets the first answer again.</li>
 *   <li>{@code GET /erx/ledger} lists prescriptions, dispenses, cancellations and shipments.</li>
 * </ul>
 * An accepted prescription is dispensed after {@code dispense-delay}, ships after {@code ship-delay} and is
 * delivered after {@code deliver-delay}, each step announced at {@code /webhooks/pharmacy/{pharmacy}}
 * ({@code rx.dispensed}, {@code shipment.shipped}, {@code shipment.delivered}); a cancelled one never is, nor one
 * whose sandbox scenario holds the dispensing ({@link SandboxScenario#holdDispense()}). The
 * parcel goes with the pharmacy's carrier, which issues the tracking number and is told of each step, so tracking
 * agrees with the webhooks; a parcel the carrier reports as an exception (lost, damaged, returned) is announced
 * as {@code shipment.exception} with the carrier's reason instead of delivered, as is every parcel of an order whose
 * sandbox scenario says so ({@link SandboxScenario#parcelException()}). A pharmacy configured not to report
 * delivery ({@code reports-delivery: false}) announces neither: it hands the parcel over, announces
 * {@code shipment.shipped}, and the delivery or the exception is known from the carrier's tracking only. With the
 * out-of-order webhook fault, a prescription's events arrive newest first ({@link PrescriptionWebhooks}).
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
    private final SandboxScenarios scenarios;
    private final IdempotentReplies newRxReplies = new IdempotentReplies();
    private final IdempotentReplies cancelRxReplies = new IdempotentReplies();
    private final IdempotentReplies reshipReplies = new IdempotentReplies();
    /** Per pharmacy and NewRx message id: the dispensing still to come, stopped by a CancelRx. */
    private final Map<String, Future<?>> pendingDispenses = new ConcurrentHashMap<>();

    PharmacySimulator(PharmacySimulatorProperties properties, PharmacyLedger ledger, DelayedTasks tasks,
                      WebhookSender webhooks, FaultInjector faults, ShippingLedger carriers,
                      SandboxScenarios scenarios) {
        this.properties = properties;
        this.ledger = ledger;
        this.tasks = tasks;
        this.webhooks = webhooks;
        this.faults = faults;
        this.carriers = carriers;
        this.scenarios = scenarios;
    }

    @PostMapping("/{pharmacy}/newrx")
    ResponseEntity<Object> newRx(@PathVariable String pharmacy, @RequestBody NewRxBody body) {
        if (!properties.pharmacies().containsKey(pharmacy)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_pharmacy").toResponse();
        }
        if (blank(body.messageId())) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_message_id").toResponse();
        }
        Reply reply = newRxReplies.once(pharmacy + ":" + body.messageId(), body, () -> receive(pharmacy, body));
        boolean resubmitted = reply.replayed() && reply.status() == HttpStatus.CREATED;
        return (resubmitted ? reply.withStatus(HttpStatus.OK) : reply).toResponse();
    }

    @PostMapping("/{pharmacy}/cancelrx")
    ResponseEntity<Object> cancelRx(@PathVariable String pharmacy, @RequestBody CancelRxBody body) {
        if (!properties.pharmacies().containsKey(pharmacy)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_pharmacy").toResponse();
        }
        if (blank(body.messageId())) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_message_id").toResponse();
        }
        if (blank(body.originalMessageId())) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_original_message_id").toResponse();
        }
        return cancelRxReplies.once(pharmacy + ":" + body.messageId(), body, () -> cancel(pharmacy, body))
                .toResponse();
    }

    /**
     * Ships an accepted prescription again after its parcel was lost or damaged: a new parcel, with shipped and
     * delivered webhooks like the first. A resent message gets its first answer and ships nothing more.
     */
    @PostMapping("/{pharmacy}/reship")
    ResponseEntity<Object> reship(@PathVariable String pharmacy, @RequestBody ReshipBody body) {
        if (!properties.pharmacies().containsKey(pharmacy)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_pharmacy").toResponse();
        }
        if (blank(body.messageId()) || blank(body.originalMessageId())) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_message_id").toResponse();
        }
        return reshipReplies.once(pharmacy + ":" + body.messageId(), body, () -> ledger
                .shippable(pharmacy, body.originalMessageId())
                .map(prescription -> {
                    PrescriptionWebhooks announcements = new PrescriptionWebhooks(
                            event -> webhooks.send(PartnerKind.ERX, "/webhooks/pharmacy/" + pharmacy, event),
                            faults.outOfOrderWebhooks(PartnerKind.ERX));
                    tasks.after(properties.shipDelay(), "reship " + prescription.pharmacyPrescriptionId(),
                            () -> ship(prescription, announcements));
                    return Reply.of(HttpStatus.ACCEPTED, new ReshipResponse(body.originalMessageId(), "reshipping"));
                })
                .orElseGet(() -> Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "unknown_prescription"))).toResponse();
    }

    @GetMapping("/ledger")
    PharmacyLedger.Entries ledger() {
        return ledger.entries();
    }

    private Reply receive(String pharmacy, NewRxBody body) {
        Optional<SandboxScenario> scenario = scenarios.of(body.clientReference());
        String problem = Optional.ofNullable(body.problem())
                .or(() -> scenario.flatMap(scripted -> scripted.erxRejection(pharmacy)))
                .orElse(null);
        if (problem != null) {
            ledger.rejected(new PharmacyLedger.Rejection(pharmacy, body.messageId(), body.clientReference(), problem,
                    Instant.now()));
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
        if (scenario.map(SandboxScenario::holdsDispense).orElse(false)) {
            return accepted(prescription); // filled never: it waits, cancellable, for stock that does not come
        }
        pendingDispenses.put(fillKey(pharmacy, prescription.messageId()), tasks.after(properties.dispenseDelay(),
                "dispense " + prescription.pharmacyPrescriptionId(), () -> dispense(prescription)));
        return accepted(prescription);
    }

    private static Reply accepted(PharmacyLedger.Prescription prescription) {
        return Reply.of(HttpStatus.CREATED,
                new NewRxResponse(prescription.pharmacyPrescriptionId(), prescription.messageId(), "accepted"));
    }

    private Reply cancel(String pharmacy, CancelRxBody body) {
        return switch (ledger.cancel(pharmacy, body.originalMessageId(), body.messageId(), body.reason(),
                Instant.now())) {
            case CANCELLED, ALREADY_CANCELLED -> {
                Future<?> dispensing = pendingDispenses.remove(fillKey(pharmacy, body.originalMessageId()));
                if (dispensing != null) {
                    dispensing.cancel(false);
                }
                yield Reply.of(HttpStatus.OK, new CancelRxResponse(body.originalMessageId(), "cancelled"));
            }
            case ALREADY_DISPENSED -> Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "already_dispensed");
            case UNKNOWN_PRESCRIPTION -> Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "unknown_prescription");
        };
    }

    private void dispense(PharmacyLedger.Prescription prescription) {
        pendingDispenses.remove(fillKey(prescription.pharmacy(), prescription.messageId()));
        Instant now = Instant.now();
        if (!ledger.dispensed(prescription, now)) {
            return; // cancelled just before it was filled
        }
        PrescriptionWebhooks announcements = new PrescriptionWebhooks(
                event -> webhooks.send(PartnerKind.ERX, "/webhooks/pharmacy/" + prescription.pharmacy(), event),
                faults.outOfOrderWebhooks(PartnerKind.ERX));
        announcements.announce(new DispenseEvent("evt_" + shortId(), DispenseEvent.DISPENSED,
                prescription.pharmacyPrescriptionId(), prescription.messageId(), prescription.clientReference(), now));
        tasks.after(properties.shipDelay(), "ship " + prescription.pharmacyPrescriptionId(),
                () -> ship(prescription, announcements));
    }

    private void ship(PharmacyLedger.Prescription prescription, PrescriptionWebhooks announcements) {
        String carrierName = properties.pharmacies().get(prescription.pharmacy()).carrier();
        Carrier carrier = Carrier.byName(carrierName).orElseThrow();
        Parcel parcel = carriers.pickUp(carrier, prescription.pharmacy(), Instant.now());
        PharmacyLedger.Shipment shipment = new PharmacyLedger.Shipment(prescription.pharmacy(),
                prescription.pharmacyPrescriptionId(), prescription.messageId(), prescription.clientReference(),
                carrierName, parcel.trackingNumber(), "shipped", parcel.scans().get(0).at(), null);
        ledger.shipped(shipment);
        announcements.announce(event(ShipmentEvent.SHIPPED, shipment, shipment.shippedAt()));
        tasks.after(properties.deliverDelay().dividedBy(2), "in transit " + parcel.trackingNumber(),
                () -> carriers.inTransit(carrier, parcel.trackingNumber(), Instant.now()));
        tasks.after(properties.deliverDelay(), "deliver " + shipment.pharmacyPrescriptionId(),
                () -> deliver(carrier, shipment, announcements));
    }

    private void deliver(Carrier carrier, PharmacyLedger.Shipment shipped, PrescriptionWebhooks announcements) {
        Instant now = Instant.now();
        scenarios.of(shipped.clientReference()).flatMap(SandboxScenario::parcelIncident)
                .ifPresent(incident -> carriers.exception(carrier, shipped.trackingNumber(), incident, now));
        boolean reports = properties.pharmacies().get(shipped.pharmacy()).reportsDelivery();
        if (!carriers.delivered(carrier, shipped.trackingNumber(), now)) {
            // The carrier lost, damaged or returned it: a pharmacy that reports delivery passes the exception on.
            carriers.incident(carrier, shipped.trackingNumber())
                    .filter(incident -> reports)
                    .ifPresentOrElse(incident -> announcements.announceLast(exception(shipped, incident, now)),
                            announcements::end);
            return;
        }
        PharmacyLedger.Shipment delivered = shipped.delivered(now);
        ledger.delivered(delivered);
        if (reports) {
            announcements.announceLast(event(ShipmentEvent.DELIVERED, delivered, now));
        } else {
            announcements.end(); // only the carrier's tracking tells of the delivery
        }
    }

    private static ShipmentEvent event(String type, PharmacyLedger.Shipment shipment, Instant occurredAt) {
        return new ShipmentEvent("evt_" + shortId(), type, shipment.pharmacyPrescriptionId(), shipment.messageId(),
                shipment.clientReference(), shipment.carrier(), shipment.trackingNumber(), null, occurredAt);
    }

    private static ShipmentEvent exception(PharmacyLedger.Shipment shipment, Parcel.Incident incident,
                                           Instant occurredAt) {
        return new ShipmentEvent("evt_" + shortId(), ShipmentEvent.EXCEPTION, shipment.pharmacyPrescriptionId(),
                shipment.messageId(), shipment.clientReference(), shipment.carrier(), shipment.trackingNumber(),
                incident.name().toLowerCase(Locale.ROOT), occurredAt);
    }

    private static String fillKey(String pharmacy, String newRxMessageId) {
        return pharmacy + ":" + newRxMessageId;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
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
    }

    record NewRxResponse(String pharmacyPrescriptionId, String messageId, String status) {
    }

    /** A CancelRx: {@code messageId} is the cancel message's own id, {@code originalMessageId} the NewRx's. */
    record CancelRxBody(String messageId, String originalMessageId, String reason) {
    }

    record CancelRxResponse(String originalMessageId, String status) {
    }

    /** A reship: {@code messageId} is the reship request's own id, {@code originalMessageId} the NewRx's. */
    record ReshipBody(String messageId, String originalMessageId) {
    }

    record ReshipResponse(String originalMessageId, String status) {
    }
}
