package dev.carepath.portal.ingress;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code carepath.webhooks.*}.
 *
 * @param secret    the shared secret partners sign webhooks with (from the environment outside local runs)
 * @param tolerance how far a webhook's timestamp may be from now, either way
 */
@Validated
@ConfigurationProperties("carepath.webhooks")
record WebhookProperties(@NotBlank String secret, @NotNull Duration tolerance) {
}
