/**
 * Simulated parcel carriers ({@code ups}, {@code usps}), each answering tracking look-ups in its own words. The
 * simulated pharmacies hand their shipments to the carrier they ship with and report each step here, so tracking
 * agrees with their shipment webhooks; a parcel can be made to end in an exception (lost, damaged, returned)
 * for demos and tests.
 */
package dev.carepath.simulator.shipping;
