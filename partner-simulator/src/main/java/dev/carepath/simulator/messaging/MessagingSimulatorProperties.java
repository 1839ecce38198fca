package dev.carepath.simulator.messaging;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated messaging providers ({@code simulator.messaging.providers}): provider id to the channels it
 * sends ({@code email}, {@code sms}, {@code push}).
 */
@ConfigurationProperties("simulator.messaging")
record MessagingSimulatorProperties(Map<String, Provider> providers) {

    MessagingSimulatorProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    boolean sends(String provider, String channel) {
        return providers.containsKey(provider) && providers.get(provider).channels().contains(channel);
    }

    record Provider(Set<String> channels) {

        Provider {
            channels = channels == null ? Set.of() : Set.copyOf(channels);
            if (!Recipients.CHANNELS.containsAll(channels)) {
                throw new IllegalArgumentException("simulator.messaging channels must be among "
                        + Recipients.CHANNELS + ", were " + channels);
            }
        }
    }
}
