/**
 * Events to BPMN: {@code order.created} starts the first cycle and {@code order.cycle-due} each later one, up to the
 * cycles the order bought, as a new instance of the latest model (business key = order id, variable {@code cycle});
 * partner events ({@code visit.completed}, {@code shipment.delivered}, {@code shipment.exception}) and the agent's
 * {@code order.cancel-requested} become message correlations on the running cycle. A partner event that arrives
 * before its cycle waits is buffered and correlated when it does; one of an ended journey or an earlier cycle is
 * recorded, not applied; a cancel with no cycle running ends the journey at once. Each event is applied once: its id
 * is claimed in the {@code orchestrator} schema in the same transaction as the engine's state change.
 */
package dev.carepath.engine.orchestration;
