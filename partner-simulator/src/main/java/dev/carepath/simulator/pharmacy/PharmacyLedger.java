package dev.carepath.simulator.pharmacy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Every prescription the pharmacies accepted, rejected, dispensed or cancelled and every shipment they sent, across
 * pharmacies. A prescription is either dispensed or cancelled, never both: whichever comes first wins.
 */
@Component
public class PharmacyLedger {

    private final Queue<Prescription> prescriptions = new ConcurrentLinkedQueue<>();
    private final Queue<Rejection> rejections = new ConcurrentLinkedQueue<>();
    /** Per pharmacy and NewRx message id; a pharmacy writes one prescription per message id. */
    private final Map<String, Prescription> byMessageId = new ConcurrentHashMap<>();
    /** Per pharmacy prescription id; changes only by compare-and-set from {@link Stage#ACCEPTED}. */
    private final Map<String, Stage> stages = new ConcurrentHashMap<>();
    private final Queue<Dispense> dispenses = new ConcurrentLinkedQueue<>();
    private final Queue<Cancellation> cancellations = new ConcurrentLinkedQueue<>();
    private final Map<String, Shipment> shipmentsByPrescriptionId = new ConcurrentHashMap<>();

    void accepted(Prescription prescription) {
        stages.put(prescription.pharmacyPrescriptionId(), Stage.ACCEPTED);
        byMessageId.put(key(prescription.pharmacy(), prescription.messageId()), prescription);
        prescriptions.add(prescription);
    }

    void rejected(Rejection rejection) {
        rejections.add(rejection);
    }

    /** Records the prescription as filled, unless it was cancelled first; whether it was filled now. */
    boolean dispensed(Prescription prescription, Instant at) {
        if (!stages.replace(prescription.pharmacyPrescriptionId(), Stage.ACCEPTED, Stage.DISPENSED)) {
            return false;
        }
        dispenses.add(new Dispense(prescription.pharmacy(), prescription.pharmacyPrescriptionId(),
                prescription.messageId(), prescription.clientReference(), at));
        return true;
    }

    /**
     * Cancels the pharmacy's prescription written for {@code originalMessageId} unless it was dispensed first.
     * Only the first cancel of a prescription is recorded; a later one finds it {@link
     * CancelOutcome#ALREADY_CANCELLED}.
     */
    CancelOutcome cancel(String pharmacy, String originalMessageId, String messageId, String reason, Instant at) {
        Prescription prescription = byMessageId.get(key(pharmacy, originalMessageId));
        if (prescription == null) {
            return CancelOutcome.UNKNOWN_PRESCRIPTION;
        }
        String id = prescription.pharmacyPrescriptionId();
        if (stages.replace(id, Stage.ACCEPTED, Stage.CANCELLED)) {
            cancellations.add(new Cancellation(pharmacy, id, originalMessageId, messageId,
                    prescription.clientReference(), reason, at));
            return CancelOutcome.CANCELLED;
        }
        return stages.get(id) == Stage.CANCELLED ? CancelOutcome.ALREADY_CANCELLED : CancelOutcome.ALREADY_DISPENSED;
    }

    /** The prescription a pharmacy accepted for a NewRx message id and that was not cancelled, if any. */
    Optional<Prescription> shippable(String pharmacy, String messageId) {
        return Optional.ofNullable(byMessageId.get(key(pharmacy, messageId)))
                .filter(prescription -> stages.get(prescription.pharmacyPrescriptionId()) != Stage.CANCELLED);
    }

    void shipped(Shipment shipment) {
        shipmentsByPrescriptionId.put(shipment.pharmacyPrescriptionId(), shipment);
    }

    void delivered(Shipment shipment) {
        shipmentsByPrescriptionId.put(shipment.pharmacyPrescriptionId(), shipment);
    }

    public Entries entries() {
        return new Entries(List.copyOf(prescriptions), List.copyOf(rejections), List.copyOf(dispenses),
                List.copyOf(cancellations),
                shipmentsByPrescriptionId.values().stream()
                        .sorted(Comparator.comparing(Shipment::shippedAt).thenComparing(Shipment::pharmacyPrescriptionId))
                        .toList());
    }

    public long prescriptions() {
        return prescriptions.size();
    }

    /** How many message ids became more than one prescription (e.g. the same NewRx sent to two pharmacies). */
    public long doublePrescriptions() {
        return prescriptions.stream()
                .collect(Collectors.groupingBy(Prescription::messageId, Collectors.counting()))
                .values().stream()
                .filter(count -> count > 1)
                .count();
    }

    /** Prescriptions cancelled before they were dispensed (one per prescription, however often it was asked). */
    public long cancellations() {
        return cancellations.size();
    }

    public long shipments() {
        return shipmentsByPrescriptionId.size();
    }

    private static String key(String pharmacy, String messageId) {
        return pharmacy + ":" + messageId;
    }

    /** Where a prescription stands at its pharmacy; shipping is recorded separately. */
    private enum Stage { ACCEPTED, DISPENSED, CANCELLED }

    /** What a CancelRx found at the pharmacy. */
    enum CancelOutcome { CANCELLED, ALREADY_CANCELLED, ALREADY_DISPENSED, UNKNOWN_PRESCRIPTION }

    /** The ledger as served by {@code GET /erx/ledger}. */
    public record Entries(List<Prescription> prescriptions, List<Rejection> rejections, List<Dispense> dispenses,
                          List<Cancellation> cancellations, List<Shipment> shipments) {
    }

    public record Prescription(String pharmacy, String pharmacyPrescriptionId, String messageId,
                               String clientReference, String stateCode, String medication, String doseMg,
                               int quantity, Instant receivedAt) {
    }

    /**
     * A NewRx the pharmacy sent back unfilled; a resent message is answered with the same rejection and not
     * recorded again.
     *
     * @param messageId the NewRx message id (our Rx id)
     * @param reason    why, e.g. {@code invalid_prescriber_npi} or {@code out_of_stock}
     */
    public record Rejection(String pharmacy, String messageId, String clientReference, String reason,
                            Instant rejectedAt) {
    }

    /** A prescription filled and ready to ship. */
    public record Dispense(String pharmacy, String pharmacyPrescriptionId, String messageId, String clientReference,
                           Instant dispensedAt) {
    }

    /**
     * A prescription the pharmacy will neither dispense nor ship.
     *
     * @param originalMessageId the NewRx message id (our Rx id)
     * @param messageId         the CancelRx message id
     */
    public record Cancellation(String pharmacy, String pharmacyPrescriptionId, String originalMessageId,
                               String messageId, String clientReference, String reason, Instant cancelledAt) {
    }

    /** A parcel; {@code deliveredAt} stays empty until delivered. */
    public record Shipment(String pharmacy, String pharmacyPrescriptionId, String messageId, String clientReference,
                           String carrier, String trackingNumber, String status, Instant shippedAt,
                           Instant deliveredAt) {

        Shipment delivered(Instant at) {
            return new Shipment(pharmacy, pharmacyPrescriptionId, messageId, clientReference, carrier, trackingNumber,
                    "delivered", shippedAt, at);
        }
    }
}
