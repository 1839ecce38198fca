package dev.carepath.deploy.architecture.planted.contracts;

/** Lawful: a contract that depends on nothing of ours. */
public record Envelope(String type) {
}
