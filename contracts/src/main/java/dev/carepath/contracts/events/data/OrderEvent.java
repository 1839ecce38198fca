package dev.carepath.contracts.events.data;

/**
 * Event data that names the order (journey) it is about, whatever its type: what consumers that route or log by
 * journey read, without knowing each type.
 */
public interface OrderEvent {

    /** The order (= journey) id. */
    String orderId();
}
