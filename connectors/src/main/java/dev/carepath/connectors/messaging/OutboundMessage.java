package dev.carepath.connectors.messaging;

import java.util.Map;
import java.util.Objects;

/**
 * A message to send. The address and the parameters are contact data: {@link #toString()} leaves them out, and
 * nothing logs them.
 *
 * @param templateId     the provider-side template, e.g. {@code shipment-delivered}
 * @param recipient      an email address, an E.164 phone number or a push device token, by channel
 * @param parameters     what the template needs and nothing more (references and links, never clinical content)
 * @param idempotencyKey stable per message, e.g. {@code <event id>:<channel>}: the same key is never sent twice
 * @param content        the rendered sender, subject and text, or null to let the provider render {@code templateId}
 */
public record OutboundMessage(MessageChannel channel, String templateId, String recipient,
                              Map<String, String> parameters, String idempotencyKey, MessageContent content) {

    /** A message the provider renders from its own {@code templateId}. */
    public OutboundMessage(MessageChannel channel, String templateId, String recipient, Map<String, String> parameters,
                           String idempotencyKey) {
        this(channel, templateId, recipient, parameters, idempotencyKey, null);
    }

    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        requireText(templateId, "templateId");
        requireText(recipient, "recipient");
        requireText(idempotencyKey, "idempotencyKey");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    @Override
    public String toString() {
        return "OutboundMessage[channel=" + channel + ", templateId=" + templateId + ", recipient=<redacted>"
                + ", parameters=<" + parameters.size() + " redacted>, idempotencyKey=" + idempotencyKey + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
