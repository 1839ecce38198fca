package dev.carepath.contracts.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredSettingsTest {

    private final RequiredSettings check = new RequiredSettings();

    /** An environment with no system environment, and one configuration file holding {@code settings}. */
    private static StandardEnvironment environment(Map<String, Object> settings, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new OriginTrackedMapPropertySource("Config resource 'app.yml'",
                settings));
        environment.setActiveProfiles(profiles);
        // As in an application: Boot's view over every source, in front.
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    @Test
    void productionNamesEveryUnsetVariableAndNoValue() {
        var environment = environment(Map.of(
                "spring.rabbitmq.password", "${CAREPATH_RABBIT_PASSWORD}",
                "phi.key", "${CAREPATH_PHI_MASTER_KEYSET}",
                "engine.url", "${CAREPATH_ENGINE_URL}/engine-rest",
                "db.url", "jdbc:postgresql://${CAREPATH_PGHOST:127.0.0.1}/x",
                "set", "${CAREPATH_SET}"), "production");
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of("CAREPATH_SET", "s3cr3t-value",
                "CAREPATH_ENGINE_URL", "")));

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The production profile needs these settings, which have no default there: "
                        + "CAREPATH_ENGINE_URL, CAREPATH_PHI_MASTER_KEYSET, CAREPATH_RABBIT_PASSWORD.")
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void productionStartsWhenEveryVariableIsSetOrTheSettingIsGivenDirectly() {
        var environment = environment(Map.of("spring.rabbitmq.password", "${CAREPATH_RABBIT_PASSWORD}",
                "phi.key", "${CAREPATH_PHI_MASTER_KEYSET}"), "production");
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of(
                "CAREPATH_RABBIT_PASSWORD", "x", "phi.key", "given directly, above the file")));

        check.postProcessEnvironment(environment, new SpringApplication());

        assertThat(RequiredSettings.missing(environment)).isEmpty();
    }

    @Test
    void otherProfilesKeepTheirLocalDefaultsAndAreNotChecked() {
        var environment = environment(Map.of("phi.key", "${CAREPATH_PHI_MASTER_KEYSET}"), "default");

        check.postProcessEnvironment(environment, new SpringApplication());

        assertThat(RequiredSettings.missing(environment)).containsExactly("CAREPATH_PHI_MASTER_KEYSET");
    }
}
