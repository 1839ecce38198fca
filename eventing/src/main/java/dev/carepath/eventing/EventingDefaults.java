package dev.carepath.eventing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the backbone's topology defaults ({@code carepath-eventing-defaults.properties}) with the lowest
 * precedence: one topic exchange, publisher confirms, quorum queues with a dead-letter queue each and
 * bounded redelivery with backoff. A deployable's own configuration overrides any of them.
 */
public class EventingDefaults implements EnvironmentPostProcessor {

    private static final String RESOURCE = "carepath-eventing-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new PropertiesPropertySourceLoader()
                    .load("carepath-eventing-defaults", new ClassPathResource(RESOURCE))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
