package dev.carepath.connectors.shipping;

/** Why a shipment ended in {@link ShipmentStatus#EXCEPTION}. */
public enum ShipmentExceptionReason {

    LOST,
    DAMAGED,
    /** Going back to the sender, e.g. undeliverable or refused. */
    RETURNED
}
