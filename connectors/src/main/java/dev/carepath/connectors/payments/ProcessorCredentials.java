package dev.carepath.connectors.payments;

import java.util.Optional;

/**
 * The secret API key a processor issued for one merchant account, which the adapter sends as
 * {@code Authorization: Bearer <key>} with each charge and refund of that account. Keys come from the caller's
 * secrets, never from a request, an event or a process variable, and are never logged.
 */
@FunctionalInterface
public interface ProcessorCredentials {

    /** The key of {@code merchantAccount} at {@code processor}; empty when none is configured (a test processor). */
    Optional<String> apiKey(String processor, String merchantAccount);

    /** No keys: requests go without {@code Authorization}. */
    static ProcessorCredentials none() {
        return (processor, merchantAccount) -> Optional.empty();
    }
}
