package dev.carepath.eventing;

/**
 * A consumed message is not a carepath event envelope. Redelivery cannot help, so the backbone's
 * defaults mark it not retryable: the message goes to the consumer's dead-letter queue at once.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
