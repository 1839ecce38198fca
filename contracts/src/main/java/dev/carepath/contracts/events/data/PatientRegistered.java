package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * Retired and never published (see {@link EventTypes#PATIENT_REGISTERED}); the record exists because its released
 * schema does.
 */
@Deprecated
@EventType(value = EventTypes.PATIENT_REGISTERED, version = 1)
public record PatientRegistered(
        @Required String patientId,
        String stateCode) implements EventData {
}
