/**
 * The pharmacy service (schema {@code pharmacy}): e-prescriptions sent to the routed pharmacy, and the parcels of the
 * pharmacies that leave delivery news to the carrier, followed at the carrier ({@link
 * dev.carepath.workers.pharmacy.CarrierTracker}).
 */
package dev.carepath.workers.pharmacy;
