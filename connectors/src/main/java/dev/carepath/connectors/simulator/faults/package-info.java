/**
 * Fault injection, per partner kind: uniform random latency, a share of requests answered 503 before anything
 * happens, and a share of webhooks sent twice. Configured under {@code simulator.faults.<kind>} and changeable at
 * runtime through {@code /admin/faults}. Also logs one line per partner call.
 */
package dev.carepath.connectors.simulator.faults;
