package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * The eligibility table judged the order's intake, once per order (the first cycle): the outcome and its reason
 * code. Never an input of the table (age, BMI, history: PHI, kept in the clinical store) nor the patient's
 * reference.
 */
@EventType(value = EventTypes.PATIENT_QUALIFIED, version = 1)
public record PatientQualified(
        @Required String orderId,
        @Required String outcome,
        @Required String reasonCode,
        @Required String decisionKey,
        String therapy,
        String stateCode) implements EventData, OrderEvent {
}
