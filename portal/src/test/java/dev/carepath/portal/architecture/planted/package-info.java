/**
 * Planted violations of the portal's capability rules ({@code CapabilityRules}), in a capability tree of their own
 * whose only public API type is {@code journeys.Journeys}: each rule must report the class planted to break it and
 * none of the lawful ones ({@code PlantedViolationsTest}). Test fixtures only; nothing uses them.
 */
package dev.carepath.portal.architecture.planted;
