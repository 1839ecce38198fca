/**
 * Who may call the job-workers' HTTP endpoints. The workers take their tasks from the engine (as its
 * client), so the only inbound HTTP is the internal clinical intake, which carries PHI: it needs the
 * clinical-intake service credential (HTTP Basic). {@code /actuator/health} stays open for probes.
 */
package dev.carepath.workers.security;
