package dev.carepath.portal.web;

/**
 * A copy of an exception chain that keeps the class names and stack traces but drops the messages:
 * database and parser messages can quote the values of a request (a patient reference, a token), and
 * those must never reach a log line.
 */
final class Redacted extends RuntimeException {

    private Redacted(Throwable original, Throwable cause) {
        super(original.getClass().getName() + " (message withheld)", cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    static Throwable of(Throwable original) {
        if (original == null) {
            return null;
        }
        Throwable cause = original.getCause() == original ? null : original.getCause();
        return new Redacted(original, of(cause));
    }
}
