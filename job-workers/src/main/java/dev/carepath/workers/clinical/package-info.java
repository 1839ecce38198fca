/**
 * The clinical service (schema {@code clinical}): visits with a licensed provider and the prescriptions
 * they produce. The only holder of PHI; other capabilities read a prescription through
 * {@link dev.carepath.workers.clinical.Prescriptions}, never through its tables.
 */
package dev.carepath.workers.clinical;
