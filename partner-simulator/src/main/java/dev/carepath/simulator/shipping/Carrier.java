package dev.carepath.simulator.shipping;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The simulated carriers and the words each uses in its tracking API. They disagree on purpose, as real
 * carriers do, so that the adapter has to map their dialects onto carepath's shipment statuses.
 */
public enum Carrier {

    UPS("ups", "picked_up", "in_transit", "delivered", "exception", "lost", "damaged", "returned_to_sender"),
    USPS("usps", "accepted", "in_transit", "delivered", "alert", "missing", "damaged", "return_to_sender");

    private final String id;
    private final String pickedUp;
    private final String inTransit;
    private final String delivered;
    private final String exception;
    private final String lost;
    private final String damaged;
    private final String returned;

    Carrier(String id, String pickedUp, String inTransit, String delivered, String exception, String lost,
            String damaged, String returned) {
        this.id = id;
        this.pickedUp = pickedUp;
        this.inTransit = inTransit;
        this.delivered = delivered;
        this.exception = exception;
        this.lost = lost;
        this.damaged = damaged;
        this.returned = returned;
    }

    /** The carrier's id in URLs and ledgers: {@code ups}, {@code usps}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The carrier by its id, exactly as in URLs: {@code ups}, {@code usps}. */
    public static Optional<Carrier> byId(String id) {
        return Arrays.stream(values()).filter(carrier -> carrier.id.equals(id)).findFirst();
    }

    /** The carrier by name, in any case: a pharmacy's configured {@code UPS} is {@code ups}. */
    public static Optional<Carrier> byName(String name) {
        return name == null ? Optional.empty() : byId(name.toLowerCase(Locale.ROOT));
    }

    String word(Parcel.Stage stage) {
        return switch (stage) {
            case PICKED_UP -> pickedUp;
            case IN_TRANSIT -> inTransit;
            case DELIVERED -> delivered;
            case EXCEPTION -> exception;
        };
    }

    String word(Parcel.Incident incident) {
        return switch (incident) {
            case LOST -> lost;
            case DAMAGED -> damaged;
            case RETURNED -> returned;
        };
    }
}
