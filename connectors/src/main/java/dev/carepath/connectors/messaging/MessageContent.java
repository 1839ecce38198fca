package dev.carepath.connectors.messaging;

/**
 * The words of a message as carepath rendered them from the tenant's template: who it is from, its subject (email
 * only) and its text. Rendered from tenant facts and references only (brand, support contact, order and tracking
 * references), never from the intake: the text may be shown in a provider's console, so it holds no PHI.
 *
 * @param sender  the name the patient sees as the sender, e.g. the tenant's brand ({@code "Northwind Health"})
 * @param subject the subject line of an email; null for SMS and push
 * @param text    the message itself
 */
public record MessageContent(String sender, String subject, String text) {

    public MessageContent {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a message needs its text");
        }
    }
}
