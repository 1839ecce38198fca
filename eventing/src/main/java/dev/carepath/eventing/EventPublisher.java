package dev.carepath.eventing;

import java.util.List;

/** Publishes events to the broker. */
public interface EventPublisher {

    /**
     * Publishes {@code events} in list order and returns only after the broker confirmed every one.
     *
     * @throws EventPublishException when any event was refused or not confirmed in time
     */
    void publishConfirmed(List<OutboundEvent> events);

    /** One event as the relay read it from an outbox row. */
    record OutboundEvent(String eventId, String type, byte[] envelope) {
    }

    class EventPublishException extends RuntimeException {
        public EventPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
