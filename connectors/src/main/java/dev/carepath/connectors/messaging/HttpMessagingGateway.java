package dev.carepath.connectors.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@link MessagingGateway} over the providers' HTTP API: {@code POST /messaging/{provider}/messages} keyed by the
 * {@code Idempotency-Key} header, the provider chosen by channel ({@link MessagingProperties}). A 2xx whose status
 * is not {@code accepted} counts as a rejection. The address and parameters travel only in the request body,
 * which is never logged.
 */
public class HttpMessagingGateway implements MessagingGateway {

    private static final String ACCEPTED = "accepted";

    private final PartnerHttp http;
    private final MessagingProperties providers;

    public HttpMessagingGateway(PartnerHttp http) {
        this(http, MessagingProperties.defaults());
    }

    public HttpMessagingGateway(PartnerHttp http, MessagingProperties providers) {
        this.http = http;
        this.providers = providers;
    }

    @Override
    public MessageReceipt send(OutboundMessage message) {
        String provider = providers.providerFor(message.channel());
        MessageResponse response = http.call(provider, "send-" + wireName(message.channel()), MESSAGE_REJECTED,
                rest -> rest.post()
                        .uri("/messaging/{provider}/messages", provider)
                        .header(PartnerHttp.IDEMPOTENCY_KEY, message.idempotencyKey())
                        .body(MessageBody.of(wireName(message.channel()), message)),
                MessageResponse.class);
        if (!ACCEPTED.equals(response.status())) {
            throw new PartnerRejectedException(provider, MESSAGE_REJECTED,
                    response.status() == null ? "not_accepted" : response.status());
        }
        return new MessageReceipt(provider, response.messageId(), message.channel(), response.acceptedAt());
    }

    private static String wireName(MessageChannel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    /** The provider's request; {@code from}, {@code subject} and {@code text} only when carepath rendered the message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageBody(String channel, String template, String to, Map<String, String> parameters, String from,
                       String subject, String text) {

        static MessageBody of(String channel, OutboundMessage message) {
            MessageContent content = message.content();
            return new MessageBody(channel, message.templateId(), message.recipient(), message.parameters(),
                    content == null ? null : content.sender(), content == null ? null : content.subject(),
                    content == null ? null : content.text());
        }

        @Override
        public String toString() {
            return "MessageBody[channel=" + channel + ", template=" + template + ", <recipient and parameters redacted>]";
        }
    }

    record MessageResponse(String messageId, String status, String channel, Instant acceptedAt) {
    }
}
