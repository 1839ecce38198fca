package dev.carepath.simulator.messaging;

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

    /** The messages sent on {@code channel} ({@code email}, {@code sms}, {@code push}). */
    public long count(String channel) {
        return messages.stream().filter(message -> channel.equals(message.channel())).count();
    }

    /**
     * A sent message.
     *
     * @param to             the recipient, masked
     * @param parameterNames the template parameters it was rendered with, by name only
     * @param from           the sender the patient sees, when the caller rendered the message (else null)
     * @param subject        the subject line the caller rendered (emails), else null
     * @param textLength     the length of the text the caller rendered (0: the provider's own template); the text
     *                       itself is not kept, since it quotes references such as tracking numbers
     */
    public record Message(String provider, String messageId, String idempotencyKey, String channel, String template,
                          String to, List<String> parameterNames, String from, String subject, int textLength,
                          Instant sentAt) {
    }
}
