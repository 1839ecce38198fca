package dev.carepath.portal.decisions;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.decisions.*}: how the portal reaches the engine REST API for decision tables.
 *
 * @param engineUrl      base URL of the engine REST API (ends in {@code /engine-rest})
 * @param engineUser     the portal's engine service account
 * @param enginePassword its password ({@code CAREPATH_PORTAL_ENGINE_PASSWORD})
 * @param timeout        connect and read timeout of one engine call
 */
@ConfigurationProperties("carepath.decisions")
record DecisionProperties(URI engineUrl, String engineUser, String enginePassword,
        @DefaultValue("10s") Duration timeout) {
}
