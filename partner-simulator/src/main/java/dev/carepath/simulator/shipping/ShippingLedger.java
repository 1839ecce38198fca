package dev.carepath.simulator.shipping;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Every parcel the carriers carry, across carriers. Shippers (the simulated pharmacies) hand parcels over and
 * report what happens to them here, so a carrier's tracking always tells the same story as the shipper's
 * webhooks.
 */
@Component
public class ShippingLedger {

    private final Map<String, Parcel> parcels = new ConcurrentHashMap<>();

    /**
     * A shipper hands a parcel to a carrier, which labels it.
     *
     * @return the parcel, picked up at {@code at}, with its new tracking number
     */
    public Parcel pickUp(Carrier carrier, String shipper, Instant at) {
        while (true) {
            Parcel parcel = Parcel.pickedUp(carrier, TrackingNumbers.next(carrier), shipper, at);
            if (parcels.putIfAbsent(key(carrier, parcel.trackingNumber()), parcel) == null) {
                return parcel;
            }
        }
    }

    /** The parcel left the first hub. */
    public void inTransit(Carrier carrier, String trackingNumber, Instant at) {
        advance(carrier, trackingNumber, Parcel.Stage.IN_TRANSIT, null, at);
    }

    /** @return whether the parcel is delivered now; {@code false} when it had already ended in an exception */
    public boolean delivered(Carrier carrier, String trackingNumber, Instant at) {
        return advance(carrier, trackingNumber, Parcel.Stage.DELIVERED, null, at)
                .map(parcel -> parcel.stage() == Parcel.Stage.DELIVERED)
                .orElse(false);
    }

    /** Something went wrong on the way; ignored once the parcel is delivered. */
    public Optional<Parcel> exception(Carrier carrier, String trackingNumber, Parcel.Incident incident, Instant at) {
        return advance(carrier, trackingNumber, Parcel.Stage.EXCEPTION, incident, at);
    }

    /** Why the parcel ended in an exception, if it did; not counted as a tracking look-up. */
    public Optional<Parcel.Incident> incident(Carrier carrier, String trackingNumber) {
        return Optional.ofNullable(parcels.get(key(carrier, trackingNumber)))
                .filter(parcel -> parcel.stage() == Parcel.Stage.EXCEPTION)
                .map(Parcel::incident);
    }

    /** A tracking look-up: the parcel, counted as looked up. */
    Optional<Parcel> track(Carrier carrier, String trackingNumber) {
        return Optional.ofNullable(parcels.computeIfPresent(key(carrier, trackingNumber), (key, parcel) -> parcel.lookedUp()));
    }

    public List<Parcel> parcels() {
        return parcels.values().stream()
                .sorted(Comparator.comparing((Parcel parcel) -> parcel.scans().get(0).at())
                        .thenComparing(Parcel::trackingNumber))
                .toList();
    }

    /** How many parcels had their tracking looked up at least once. */
    public long parcelsTracked() {
        return parcels.values().stream().filter(parcel -> parcel.lookups() > 0).count();
    }

    private Optional<Parcel> advance(Carrier carrier, String trackingNumber, Parcel.Stage stage,
                                     Parcel.Incident incident, Instant at) {
        return Optional.ofNullable(parcels.computeIfPresent(key(carrier, trackingNumber),
                (key, parcel) -> parcel.advancedTo(stage, incident, at)));
    }

    private static String key(Carrier carrier, String trackingNumber) {
        return carrier.id() + ":" + trackingNumber;
    }
}
