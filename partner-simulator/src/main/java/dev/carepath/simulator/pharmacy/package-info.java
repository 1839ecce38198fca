/**
 * Simulated pharmacies ({@code cedar-pharmacy}, {@code harbor-mail-rx}) behind the eRx route: a NewRx becomes
 * one prescription per message id, clinically incomplete ones are rejected, and accepted ones are dispensed,
 * handed to the pharmacy's carrier and delivered after configurable delays, each step announced by a signed
 * webhook ({@code rx.dispensed}, then {@code shipment.shipped} and {@code shipment.delivered} with carrier and
 * tracking number, or {@code shipment.exception} with the carrier's reason when the parcel was lost, damaged or
 * returned; newest first under the out-of-order webhook fault). A CancelRx stops a prescription that is not
 * dispensed yet, after which nothing more is announced for it; a dispensed or unknown one cannot be cancelled.
 */
package dev.carepath.simulator.pharmacy;
