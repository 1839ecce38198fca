/**
 * Where the medication is: the {@link dev.carepath.connectors.shipping.ShippingCarriers} port (track a parcel by
 * carrier and tracking number, as named in the pharmacy's shipment webhooks) and its HTTP adapter, which maps
 * each carrier's own status words onto {@link dev.carepath.connectors.shipping.ShipmentStatus} and
 * {@link dev.carepath.connectors.shipping.ShipmentExceptionReason}.
 */
package dev.carepath.connectors.shipping;
