package dev.carepath.simulator.telehealth;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Every visit booked across networks, with its outcome once completed, and the prescriptions written. */
@Component
public class VisitLedger {

    private final Map<String, Visit> visits = new ConcurrentHashMap<>();
    private final Map<String, Prescription> prescriptionsByVisitId = new ConcurrentHashMap<>();

    void booked(Visit visit) {
        visits.put(visit.visitId(), visit);
    }

    void completed(Visit visit, String outcome, Prescription prescription) {
        if (prescription != null) {
            prescriptionsByVisitId.put(visit.visitId(), prescription);
        }
        visits.put(visit.visitId(), visit.completed(outcome, Instant.now()));
    }

    Optional<Prescription> prescription(String network, String visitId) {
        return Optional.ofNullable(visits.get(visitId))
                .filter(visit -> visit.network().equals(network))
                .map(visit -> prescriptionsByVisitId.get(visitId));
    }

    public List<Visit> visits() {
        return visits.values().stream()
                .sorted(Comparator.comparing(Visit::bookedAt).thenComparing(Visit::visitId))
                .toList();
    }

    /** A visit; {@code outcome} and {@code completedAt} stay empty until it is completed. */
    public record Visit(String network, String visitId, String idempotencyKey, String clientReference,
                        String stateCode, String therapy, Instant bookedAt, Instant scheduledFor, String outcome,
                        Instant completedAt) {

        Visit completed(String visitOutcome, Instant at) {
            return new Visit(network, visitId, idempotencyKey, clientReference, stateCode, therapy, bookedAt,
                    scheduledFor, visitOutcome, at);
        }
    }

    /** A prescription as the network returns it. */
    record Prescription(String visitId, String medication, String doseMg, int quantity, String directions,
                        String prescriberNpi) {
    }
}
