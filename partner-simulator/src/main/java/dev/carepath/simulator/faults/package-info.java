/**
 * Fault injection, per partner kind: uniform random latency; a share of requests answered 503 before anything
 * happens; a share handled but answered only after a client's read timeout (the lost answer); for payments, a
 * share of charges declined, decided by idempotency key; and for webhooks, a share sent twice, sent late, or (a
 * pharmacy's dispense and shipment events) sent out of order. Configured under {@code simulator.faults.<kind>}, with named
 * profiles ({@code calm}, {@code chaos}) for all kinds at once, and changeable at runtime through
 * {@code /admin/faults}. Also logs one line per partner call.
 */
package dev.carepath.simulator.faults;
