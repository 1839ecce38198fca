package dev.carepath.connectors.simulator.pharmacy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every prescription the pharmacies accepted and every shipment they sent, across pharmacies. */
@Component
public class PharmacyLedger {

    private final Queue<Prescription> prescriptions = new ConcurrentLinkedQueue<>();
    private final Map<String, Shipment> shipmentsByPrescriptionId = new ConcurrentHashMap<>();

    void accepted(Prescription prescription) {
        prescriptions.add(prescription);
    }

    void shipped(Shipment shipment) {
        shipmentsByPrescriptionId.put(shipment.pharmacyPrescriptionId(), shipment);
    }

    void delivered(Shipment shipment) {
        shipmentsByPrescriptionId.put(shipment.pharmacyPrescriptionId(), shipment);
    }

    public Entries entries() {
        return new Entries(List.copyOf(prescriptions), shipmentsByPrescriptionId.values().stream()
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

    public long shipments() {
        return shipmentsByPrescriptionId.size();
    }

    /** The ledger as served by {@code GET /erx/ledger}. */
    public record Entries(List<Prescription> prescriptions, List<Shipment> shipments) {
    }

    public record Prescription(String pharmacy, String pharmacyPrescriptionId, String messageId,
                               String clientReference, String stateCode, String medication, String doseMg,
                               int quantity, Instant receivedAt) {
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
