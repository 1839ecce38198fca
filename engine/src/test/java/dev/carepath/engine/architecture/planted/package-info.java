/**
 * Planted violations of the engine's package rules ({@code PackageRules}), in a package tree of their own: each rule
 * must report the class planted to break it and none of the lawful ones ({@code PlantedViolationsTest}). Test
 * fixtures only; nothing uses them.
 */
package dev.carepath.engine.architecture.planted;
