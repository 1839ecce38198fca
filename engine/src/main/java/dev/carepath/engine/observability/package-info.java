/**
 * What operators see of the engine (docs/adr/0019-observability.md): journey metrics from the engine's own history
 * events (cycles, steps per BPMN activity, decision evaluations), the open-incident gauge, and the trace handed to
 * external tasks through the {@code traceparent} variable.
 */
package dev.carepath.engine.observability;
