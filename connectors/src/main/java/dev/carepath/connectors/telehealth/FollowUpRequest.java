package dev.carepath.connectors.telehealth;

/**
 * A follow-up visit of a later cycle.
 *
 * @param network         the network that treats the patient
 * @param idempotencyKey  stable per follow-up of an order cycle
 * @param clientReference our order id
 * @param therapy         the therapy code
 * @param doseStep        the dose step the patient is on (1-based)
 */
public record FollowUpRequest(String network, String idempotencyKey, String clientReference, String therapy,
                              int doseStep) {
}
