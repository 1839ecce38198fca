package dev.carepath.connectors.telehealth;

/**
 * A request for a visit.
 *
 * @param network         the network id, e.g. {@code meridian-health}
 * @param idempotencyKey  stable per visit of an order cycle
 * @param clientReference our order id; the network echoes it in its webhooks
 * @param stateCode       the patient's state at the time of the visit (two letters)
 * @param therapy         the therapy code, e.g. {@code semaglutide}
 */
public record VisitRequest(String network, String idempotencyKey, String clientReference, String stateCode,
                           String therapy) {
}
