/**
 * Seeing a doctor: the {@link dev.carepath.connectors.telehealth.TelehealthNetwork} port (schedule a visit with
 * a provider licensed in the patient's state, fetch the prescription written at the visit) and its HTTP
 * adapter for the telehealth provider networks. The visit's outcome arrives later as a signed
 * {@code visit.completed} webhook at the portal.
 */
package dev.carepath.connectors.telehealth;
