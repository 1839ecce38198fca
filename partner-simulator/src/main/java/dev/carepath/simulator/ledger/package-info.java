/**
 * The simulator's verdict across partners: {@code GET /ledger/summary} counts charges, refunds, prescriptions,
 * prescriptions cancelled, shipments, shipments tracked and messages sent, and the double charges and double prescriptions that carepath
 * promises never to cause.
 */
package dev.carepath.simulator.ledger;
