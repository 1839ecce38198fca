/**
 * Who may call the job-workers' HTTP endpoints. The workers take their tasks from the engine (as its
 * client), so the only inbound HTTP is the clinical store's internal API, which carries PHI: putting an
 * intake needs the clinical-intake service credential, reading a prescription the clinical-reader one
 * (HTTP Basic; each credential only its own endpoint). {@code /actuator/health} stays open for probes.
 */
package dev.carepath.workers.security;
