package dev.carepath.simulator.messaging;

import dev.carepath.simulator.IdempotentReplies;
import dev.carepath.simulator.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The messaging providers' API. {@code POST /messaging/{provider}/messages} with an {@code Idempotency-Key}
 * header and {@code {"channel": "email", "template": "...", "to": "...", "parameters": {...}}} sends a message
 * once per key: a repeat gets the recorded answer and sends nothing, a different message under a used key gets
 * 409. A channel the provider does not offer is answered 422 {@code channel_not_supported}, an address that is
 * not one for the channel 422 {@code invalid_recipient}. A sender that renders its messages itself adds
 * {@code "from"}, {@code "subject"} (email) and {@code "text"}. {@code GET /messaging/ledger} lists what was sent,
 * with masked addresses, the sender and subject, and the length of the text (never the text: it quotes references).
 */
@RestController
@RequestMapping("/messaging")
class MessagingSimulator {


    private final MessagingSimulatorProperties properties;
    private final MessageLedger ledger;
    private final IdempotentReplies replies = new IdempotentReplies();

    MessagingSimulator(MessagingSimulatorProperties properties, MessageLedger ledger) {
        this.properties = properties;
        this.ledger = ledger;
    }

    @PostMapping("/{provider}/messages")
    ResponseEntity<Object> send(@PathVariable String provider,
                                @RequestHeader(name = IdempotentReplies.KEY_HEADER, required = false) String idempotencyKey,
                                @RequestBody MessageBody body) {
        if (!properties.providers().containsKey(provider)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_provider").toResponse();
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_idempotency_key").toResponse();
        }
        if (!body.isComplete()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "invalid_request").toResponse();
        }
        return replies.once(provider + ":" + idempotencyKey, body, () -> deliver(provider, idempotencyKey, body))
                .toResponse();
    }

    @GetMapping("/ledger")
    List<MessageLedger.Message> ledger() {
        return ledger.messages();
    }

    private Reply deliver(String provider, String idempotencyKey, MessageBody body) {
        if (!properties.sends(provider, body.channel())) {
            return Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "channel_not_supported");
        }
        if (!Recipients.isValid(body.channel(), body.to())) {
            return Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_recipient");
        }
        MessageLedger.Message message = new MessageLedger.Message(provider,
                "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), idempotencyKey,
                body.channel(), body.template(), Recipients.mask(body.channel(), body.to()),
                body.parameters().keySet().stream().sorted().toList(), body.from(), body.subject(),
                body.text() == null ? 0 : body.text().length(), Instant.now());
        ledger.sent(message);
        return Reply.of(HttpStatus.CREATED,
                new MessageResponse(message.messageId(), "accepted", message.channel(), message.sentAt()));
    }

    /** What to send; {@link #toString()} leaves out the address and the parameter values. */
    record MessageBody(String channel, String template, String to, Map<String, String> parameters, String from,
                       String subject, String text) {

        MessageBody {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        boolean isComplete() {
            return channel != null && !channel.isBlank() && template != null && !template.isBlank()
                    && to != null && !to.isBlank();
        }

        @Override
        public String toString() {
            return "MessageBody[channel=" + channel + ", template=" + template + ", parameters=" + parameters.keySet()
                    + ", to=<redacted>, text=<redacted>]";
        }
    }

    record MessageResponse(String messageId, String status, String channel, Instant acceptedAt) {
    }
}
