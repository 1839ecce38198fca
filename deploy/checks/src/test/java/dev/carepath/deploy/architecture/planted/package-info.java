/**
 * Planted violations of the rules between modules ({@code ModuleRules}), in a module tree of their own: each rule
 * must report the class planted to break it and none of the lawful ones ({@code PlantedViolationsTest}). Test
 * fixtures only; nothing uses them.
 */
package dev.carepath.deploy.architecture.planted;
