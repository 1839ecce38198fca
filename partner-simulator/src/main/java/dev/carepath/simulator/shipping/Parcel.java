package dev.carepath.simulator.shipping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A parcel a carrier carries, with its scan history. It moves forward only: picked up, in transit, then delivered
 * or an exception; nothing follows either of those.
 *
 * @param shipper who handed it over, e.g. {@code cedar-pharmacy}
 * @param lookups how often its tracking was asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Parcel(Carrier carrier, String trackingNumber, String shipper, Stage stage, Incident incident,
                     List<Scan> scans, int lookups) {

    public Parcel {
        scans = List.copyOf(scans);
    }

    static Parcel pickedUp(Carrier carrier, String trackingNumber, String shipper, Instant at) {
        return new Parcel(carrier, trackingNumber, shipper, Stage.PICKED_UP, null,
                List.of(new Scan(Stage.PICKED_UP, null, at)), 0);
    }

    /** This parcel moved on to {@code next}, or unchanged if it cannot (it is already there, delivered or lost). */
    Parcel advancedTo(Stage next, Incident why, Instant at) {
        if (!stage.canMoveTo(next)) {
            return this;
        }
        List<Scan> moreScans = new ArrayList<>(scans);
        moreScans.add(new Scan(next, why, at));
        return new Parcel(carrier, trackingNumber, shipper, next, why, moreScans, lookups);
    }

    Parcel lookedUp() {
        return new Parcel(carrier, trackingNumber, shipper, stage, incident, scans, lookups + 1);
    }

    Instant lastScanAt() {
        return scans.get(scans.size() - 1).at();
    }

    public enum Stage {
        PICKED_UP, IN_TRANSIT, DELIVERED, EXCEPTION;

        boolean canMoveTo(Stage next) {
            return switch (this) {
                case PICKED_UP -> next != PICKED_UP;
                case IN_TRANSIT -> next == DELIVERED || next == EXCEPTION;
                case DELIVERED, EXCEPTION -> false;
            };
        }
    }

    /** Why a parcel ended in an exception. */
    public enum Incident {
        LOST, DAMAGED, RETURNED
    }

    /** One scan: the stage the parcel reached, and why when that is an exception. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scan(Stage stage, Incident incident, Instant at) {
    }
}
