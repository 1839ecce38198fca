/**
 * Events to BPMN: {@code order.created} starts a cycle (business key = order id), partner events
 * ({@code visit.completed}, {@code shipment.delivered}) become message correlations on the waiting
 * instance. Each event is applied once: its id is claimed in the {@code orchestrator} schema in the same
 * transaction as the engine's state change.
 */
package dev.carepath.engine.orchestration;
