package dev.carepath.connectors.messaging;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;

/**
 * The messaging providers, seen from carepath: email, SMS and push to patients. A provider that refuses the
 * message (an address that is not one for the channel, a channel it does not offer) throws
 * {@link PartnerRejectedException} with code {@value #MESSAGE_REJECTED}; a provider that cannot answer,
 * {@link PartnerUnavailableException}, after which the call is retried with the same idempotency key.
 */
public interface MessagingGateway {

    /** The provider refused the message; the reason says why, e.g. {@code invalid_recipient}. */
    String MESSAGE_REJECTED = "MESSAGE_REJECTED";

    /** Sends a message; the same idempotencyKey is always the same message, sent once. */
    MessageReceipt send(OutboundMessage message);
}
