/**
 * The patient journey as the engine runs it: the process variables a cycle starts with, the tenant of
 * each instance, and the {@code journey.*} events its listeners write to the outbox in the engine's
 * own transaction.
 */
package dev.carepath.engine.journey;
