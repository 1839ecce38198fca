package dev.carepath.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of partner the simulator plays; each owns the URL space {@code /<id>/**}. */
public enum PartnerKind {

    PAYMENTS("payments"),
    TELEHEALTH("telehealth"),
    ERX("erx"),
    SHIPPING("shipping"),
    MESSAGING("messaging");

    private final String id;

    PartnerKind(String id) {
        this.id = id;
    }

    /** The kind as it appears in URLs and configuration: {@code payments}, {@code telehealth}, {@code erx},
     * {@code shipping}, {@code messaging}. */
    public String id() {
        return id;
    }

    public static Optional<PartnerKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }
}
