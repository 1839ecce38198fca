package dev.carepath.simulator.scenarios;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carepath.simulator.shipping.Parcel;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the partners do for one order; a field left out means the simulator's configured behaviour.
 *
 * <pre>{@code
 * {"visitOutcome": "not_prescribed", "erxRejections": {"cedar-pharmacy": "out_of_stock"},
 *  "holdDispense": true, "parcelException": "lost"}
 * }</pre>
 *
 * @param visitOutcome    how every visit of the order ends: {@value #PRESCRIBED}, {@value #NOT_PRESCRIBED} (no
 *                        prescription is written), or {@value #NO_SHOW} (the visit never completes and no
 *                        {@code visit.completed} is sent)
 * @param erxRejections   pharmacy id to the reason it rejects the order's NewRx with (a code such as
 *                        {@code out_of_stock}); pharmacies not named accept as usual
 * @param holdDispense    whether the pharmacies accept the order's NewRx but never fill it (as when waiting for
 *                        stock): nothing is dispensed or shipped, and a CancelRx always succeeds
 * @param parcelException what becomes of every parcel of the order on its way: {@code lost}, {@code damaged} or
 *                        {@code returned}, announced as {@code shipment.exception} instead of delivered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxScenario(String visitOutcome, Map<String, String> erxRejections, Boolean holdDispense,
                              String parcelException) {

    public static final String PRESCRIBED = "prescribed";
    public static final String NOT_PRESCRIBED = "not_prescribed";
    public static final String NO_SHOW = "no_show";

    /** The fields a scenario may have, as written in JSON. */
    static final Set<String> FIELDS = Set.of("visitOutcome", "erxRejections", "holdDispense", "parcelException");

    private static final Set<String> VISIT_OUTCOMES = Set.of(PRESCRIBED, NOT_PRESCRIBED, NO_SHOW);
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public SandboxScenario {
        if (visitOutcome != null && !VISIT_OUTCOMES.contains(visitOutcome)) {
            throw new IllegalArgumentException("visitOutcome must be prescribed, not_prescribed or no_show");
        }
        erxRejections = erxRejections == null ? Map.of() : Map.copyOf(erxRejections);
        erxRejections.forEach((pharmacy, reason) -> {
            if (pharmacy.isBlank() || reason == null || !REASON.matcher(reason).matches()) {
                throw new IllegalArgumentException(
                        "erxRejections maps a pharmacy id to a reason code such as out_of_stock");
            }
        });
        if (parcelException != null && incidentOf(parcelException).isEmpty()) {
            throw new IllegalArgumentException("parcelException must be lost, damaged or returned");
        }
    }

    /** The reason {@code pharmacy} rejects the order's NewRx with, if the scenario says it does. */
    public Optional<String> erxRejection(String pharmacy) {
        return Optional.ofNullable(erxRejections.get(pharmacy));
    }

    /** Whether the pharmacies never fill the order's prescription. */
    public boolean holdsDispense() {
        return Boolean.TRUE.equals(holdDispense);
    }

    /** What becomes of the order's parcels, if the scenario says something goes wrong. */
    public Optional<Parcel.Incident> parcelIncident() {
        return parcelException == null ? Optional.empty() : incidentOf(parcelException);
    }

    private static Optional<Parcel.Incident> incidentOf(String reason) {
        for (Parcel.Incident incident : Parcel.Incident.values()) {
            if (incident.name().toLowerCase(Locale.ROOT).equals(reason)) {
                return Optional.of(incident);
            }
        }
        return Optional.empty();
    }
}
