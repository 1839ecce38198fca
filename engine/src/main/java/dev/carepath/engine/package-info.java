/**
 * The engine deployable: Operaton on PostgreSQL (schema {@code engine}), the models of {@code bpmn/} and
 * {@code dmn/} deployed at start, the orchestrator that turns domain events into process starts and BPMN
 * message correlations, and the {@code journey.*} events it publishes from its own schema
 * {@code orchestrator}.
 */
package dev.carepath.engine;
