/**
 * E-prescribing: the {@link dev.carepath.connectors.erx.ErxNetwork} port (send a NewRx to the pharmacy the
 * routing chose, or a CancelRx for one it has not dispensed yet) and its HTTP adapter. The NewRx message id is
 * our Rx id, so a resubmitted NewRx never becomes a second prescription; a CancelRx has a message id of its own
 * and names the Rx by that original message id, so a resent cancel gets the pharmacy's first answer. Dispense
 * ({@code rx.dispensed}) and shipment status arrive later as signed webhooks at the portal.
 */
package dev.carepath.connectors.erx;
