package dev.carepath.connectors.shipping;

/** Where a shipment is, in carepath's words, whatever the carrier calls it. */
public enum ShipmentStatus {

    /** The carrier has the parcel. */
    SHIPPED,
    /** On its way to the patient. */
    IN_TRANSIT,
    /** Handed to the patient: final. */
    DELIVERED,
    /** It will not arrive as sent; {@link ShipmentTracking#exceptionReason()} says why. */
    EXCEPTION
}
