package dev.carepath.portal.architecture.planted.api;

/** Lawful: a generated contract type, everyone's. */
public record JourneyDto(String id) {
}
