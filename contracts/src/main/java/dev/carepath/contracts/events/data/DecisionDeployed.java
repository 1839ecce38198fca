package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * Clinical ops deployed a new version of a decision table through the portal after every golden case of the
 * decision passed. The version is in force (the latest) from then on. Aggregate (subject) = the decision key;
 * tenant = carepath (decisions are shared by every tenant).
 */
@EventType(value = EventTypes.DECISION_DEPLOYED, version = 1)
public record DecisionDeployed(
        @Required String decisionKey,
        @Required int version,
        @Required String decisionDefinitionId,
        @Required String checksum,
        @Required String deployedBy,
        @Required int goldenCasesPassed,
        Integer restoredFromVersion) implements EventData {
}
