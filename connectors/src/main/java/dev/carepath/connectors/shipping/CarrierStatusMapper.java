package dev.carepath.connectors.shipping;

import java.util.Map;
import java.util.Optional;

/**
 * The carriers' tracking words, mapped onto ours. Each carrier has its own dialect (UPS says
 * {@code picked_up} and {@code exception}, USPS {@code accepted} and {@code alert}); words we do not know map to
 * nothing, and the adapter treats such an answer as unreadable rather than guess.
 */
final class CarrierStatusMapper {

    private static final Map<String, ShipmentStatus> STATUSES = Map.ofEntries(
            Map.entry("label_created", ShipmentStatus.SHIPPED),
            Map.entry("picked_up", ShipmentStatus.SHIPPED),
            Map.entry("accepted", ShipmentStatus.SHIPPED),
            Map.entry("in_transit", ShipmentStatus.IN_TRANSIT),
            Map.entry("out_for_delivery", ShipmentStatus.IN_TRANSIT),
            Map.entry("delivered", ShipmentStatus.DELIVERED),
            Map.entry("exception", ShipmentStatus.EXCEPTION),
            Map.entry("alert", ShipmentStatus.EXCEPTION));

    private static final Map<String, ShipmentExceptionReason> REASONS = Map.of(
            "lost", ShipmentExceptionReason.LOST,
            "missing", ShipmentExceptionReason.LOST,
            "damaged", ShipmentExceptionReason.DAMAGED,
            "returned_to_sender", ShipmentExceptionReason.RETURNED,
            "return_to_sender", ShipmentExceptionReason.RETURNED,
            "refused", ShipmentExceptionReason.RETURNED,
            "undeliverable", ShipmentExceptionReason.RETURNED);

    private CarrierStatusMapper() {
    }

    static Optional<ShipmentStatus> status(String carrierStatus) {
        return Optional.ofNullable(carrierStatus).map(STATUSES::get);
    }

    static Optional<ShipmentExceptionReason> exceptionReason(String carrierDetail) {
        return Optional.ofNullable(carrierDetail).map(REASONS::get);
    }
}
