package dev.carepath.simulator.webhooks;

/** A webhook body. The event id identifies the event, and stays the same when the event is delivered again. */
public interface WebhookEvent {

    String eventId();

    String type();
}
