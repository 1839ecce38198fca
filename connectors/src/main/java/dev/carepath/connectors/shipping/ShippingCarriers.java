package dev.carepath.connectors.shipping;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;

/**
 * The parcel carriers, seen from carepath: where a shipment is. A tracking number the carrier does not know
 * throws {@link PartnerRejectedException} with code {@link PartnerRejectedException#NOT_FOUND}; a carrier that
 * cannot answer, {@link PartnerUnavailableException}. Looking up is read-only, so asking again is always safe.
 */
public interface ShippingCarriers {

    /**
     * Where the parcel is now.
     *
     * @param carrier        the carrier, as the pharmacy's shipment webhook names it ({@code UPS}, {@code usps}, ...)
     * @param trackingNumber the carrier's tracking number, from the same webhook
     */
    ShipmentTracking track(String carrier, String trackingNumber);
}
