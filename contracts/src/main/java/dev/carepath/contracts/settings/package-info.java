/**
 * Settings every deployable shares: the {@code production} profile's check that no secret was left unset
 * ({@link dev.carepath.contracts.settings.RequiredSettings}).
 */
package dev.carepath.contracts.settings;
