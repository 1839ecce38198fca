package dev.carepath.dmn;

/** A DMN file that cannot be read as a decision table. The message says why and never quotes the file. */
public class InvalidDecisionTableException extends RuntimeException {

    public InvalidDecisionTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
