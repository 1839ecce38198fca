/**
 * Simulated pharmacies ({@code cedar-pharmacy}, {@code harbor-mail-rx}) behind the eRx route: a NewRx becomes
 * one prescription per message id, clinically incomplete ones are rejected, and accepted ones are handed to the
 * pharmacy's carrier and delivered after configurable delays, each step announced by a signed shipment webhook
 * with carrier and tracking number (delivered-before-shipped under the out-of-order webhook fault).
 */
package dev.carepath.connectors.simulator.pharmacy;
