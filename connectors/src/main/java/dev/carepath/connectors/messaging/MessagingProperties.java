package dev.carepath.connectors.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider sends each channel ({@code carepath.partners.messaging.*}).
 *
 * @param emailProvider provider id for {@link MessageChannel#EMAIL}
 * @param smsProvider   provider id for {@link MessageChannel#SMS}
 * @param pushProvider  provider id for {@link MessageChannel#PUSH}
 */
@ConfigurationProperties("carepath.partners.messaging")
public record MessagingProperties(
        @DefaultValue("postmark-sim") String emailProvider,
        @DefaultValue("twilight-sms") String smsProvider,
        @DefaultValue("beacon-push") String pushProvider) {

    public MessagingProperties {
        if (blank(emailProvider) || blank(smsProvider) || blank(pushProvider)) {
            throw new IllegalArgumentException("carepath.partners.messaging needs a provider for every channel");
        }
    }

    /** Email through {@code postmark-sim}, SMS through {@code twilight-sms}, push through {@code beacon-push}. */
    public static MessagingProperties defaults() {
        return new MessagingProperties("postmark-sim", "twilight-sms", "beacon-push");
    }

    public String providerFor(MessageChannel channel) {
        return switch (channel) {
            case EMAIL -> emailProvider;
            case SMS -> smsProvider;
            case PUSH -> pushProvider;
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
