package dev.carepath.connectors.simulator.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/**
 * Every message the providers sent, in the order they sent them. Read by tests and demos, so it holds no
 * address in full and no parameter values: only masked recipients and the names of the parameters.
 */
@Component
public class MessageLedger {

    private final Queue<Message> messages = new ConcurrentLinkedQueue<>();

    void sent(Message message) {
        messages.add(message);
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public long count() {
        return messages.size();
    }

    /**
     * A sent message.
     *
     * @param to             the recipient, masked
     * @param parameterNames the template parameters it was rendered with, by name only
     */
    public record Message(String provider, String messageId, String idempotencyKey, String channel, String template,
                          String to, List<String> parameterNames, Instant sentAt) {
    }
}
