/**
 * Simulated pharmacies ({@code cedar-pharmacy}, {@code harbor-mail-rx}) behind the eRx route: a NewRx becomes
 * one prescription per message id, clinically incomplete ones are rejected, and accepted ones ship and are
 * delivered after configurable delays, each step announced by a signed shipment webhook with carrier and
 * tracking number.
 */
package dev.carepath.connectors.simulator.pharmacy;
