package dev.carepath.connectors.shipping;

import java.time.Instant;
import java.util.Objects;

/**
 * A shipment's tracking status.
 *
 * @param carrier         the carrier's id, lower case, e.g. {@code ups}
 * @param exceptionReason why, when {@code status} is {@link ShipmentStatus#EXCEPTION}; otherwise {@code null}
 * @param lastEventAt     when the carrier last scanned the parcel
 */
public record ShipmentTracking(String carrier, String trackingNumber, ShipmentStatus status,
                               ShipmentExceptionReason exceptionReason, Instant lastEventAt) {

    public ShipmentTracking {
        Objects.requireNonNull(status, "status");
        if ((status == ShipmentStatus.EXCEPTION) != (exceptionReason != null)) {
            throw new IllegalArgumentException("An exception reason goes with, and only with, status EXCEPTION");
        }
    }
}
