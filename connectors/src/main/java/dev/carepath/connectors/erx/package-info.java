/**
 * E-prescribing: the {@link dev.carepath.connectors.erx.ErxNetwork} port (send a NewRx to the pharmacy the
 * routing chose) and its HTTP adapter. The message id is our Rx id, so a resubmitted NewRx never becomes a
 * second prescription; dispense and shipment status arrive later as signed webhooks at the portal.
 */
package dev.carepath.connectors.erx;
