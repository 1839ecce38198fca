/**
 * The clinical service (schema {@code clinical}): visits with a licensed provider and the prescriptions
 * they produce. The only holder of PHI; other capabilities read a prescription through
 * {@link dev.carepath.workers.clinical.Prescriptions}, never through its tables. PHI fields are stored
 * sealed with the tenant's data key ({@link dev.carepath.workers.clinical.PhiCipher}, Tink envelope
 * encryption) and every read of them is published as {@code clinical.phi-accessed}
 * ({@link dev.carepath.workers.clinical.PhiAccessLog}).
 */
package dev.carepath.workers.clinical;
