package dev.carepath.contracts.settings;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;

/**
 * Under the {@code production} profile, refuses to start while any setting of the configuration files names an
 * environment variable (or property) that is unset or empty and has no default, and says which: the profile's files
 * ({@code application-production.yml}, {@code simulator-production.yml}) give the secrets no local default, as
 * {@code ${CAREPATH_PHI_MASTER_KEYSET}}.
 * <p>
 * Spring Boot binds an unresolvable placeholder of a configuration property as its literal text (a password of
 * "${CAREPATH_RABBIT_PASSWORD}"), and fails only where a {@code @Value} reads one, one name at a time and late; this
 * check runs before the application context exists and names every missing variable at once. Values are never read
 * into the message, only names.
 */
public class RequiredSettings implements EnvironmentPostProcessor, Ordered {

    /** The profile under which unset settings are refused. */
    public static final String PROFILE = "production";

    /** The name of the source Spring Boot attaches in front of all others, a view over them. */
    private static final String ATTACHED = "configurationProperties";

    /** A placeholder's name, and the colon that starts its default when it has one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}:]+)(:?)");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        Set<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The " + PROFILE + " profile needs these settings, which have no default "
                    + "there: " + String.join(", ", missing) + ". Set them as environment variables (docs/operations.md,"
                    + " Settings).");
        }
    }

    /** The names of the unset variables that the settings of the environment's configuration files refer to. */
    static Set<String> missing(ConfigurableEnvironment environment) {
        Set<String> missing = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof OriginTrackedMapPropertySource) || !(source instanceof EnumerablePropertySource<?> e)) {
                continue;
            }
            for (String name : e.getPropertyNames()) {
                Object raw = e.getProperty(name);
                if (raw != null && raw.toString().contains("${") && isInForce(environment, source, name)) {
                    Matcher placeholder = PLACEHOLDER.matcher(raw.toString());
                    while (placeholder.find()) {
                        String variable = placeholder.group(1);
                        boolean hasDefault = !placeholder.group(2).isEmpty();
                        String value = hasDefault ? "" : environment.getProperty(variable);
                        if (!hasDefault && (value == null || value.isBlank())) {
                            missing.add(variable);
                        }
                    }
                }
            }
        }
        return missing;
    }

    /** Whether {@code source} is where the environment takes {@code name} from (no higher source overrides it). */
    private static boolean isInForce(ConfigurableEnvironment environment, PropertySource<?> source, String name) {
        for (PropertySource<?> candidate : environment.getPropertySources()) {
            // Boot's view over every source (ConfigurationPropertySources.attach) holds every name: look past it.
            if (ATTACHED.equals(candidate.getName())) {
                continue;
            }
            if (candidate.containsProperty(name)) {
                return candidate == source;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        // After the configuration files are loaded (ConfigDataEnvironmentPostProcessor).
        return Ordered.LOWEST_PRECEDENCE;
    }
}
