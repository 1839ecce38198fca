package dev.carepath.contracts.events.data;

/**
 * Event data that names the order cycle it is about, whatever its type: what the read model and the tenant webhooks
 * take from any event. Boxed in every record, so an event that names no cycle reads as {@code null}, never as 0.
 */
public interface CycleEvent {

    /** The order cycle, 1 for the first; {@code null} when the event names none. */
    Integer cycle();
}
