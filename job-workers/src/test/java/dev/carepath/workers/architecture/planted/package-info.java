/**
 * Planted violations of the job-workers' capability rules ({@code CapabilityRules}), in a capability tree of their
 * own: each rule must report the class planted to break it and none of the lawful ones
 * ({@code PlantedViolationsTest}). Test fixtures only; nothing uses them.
 */
package dev.carepath.workers.architecture.planted;
