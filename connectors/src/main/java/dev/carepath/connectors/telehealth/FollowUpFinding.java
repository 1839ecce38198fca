package dev.carepath.connectors.telehealth;

/** What the prescriber found at a follow-up: only whether the current dose is tolerated. */
public record FollowUpFinding(String network, String followUpId, boolean tolerated) {
}
