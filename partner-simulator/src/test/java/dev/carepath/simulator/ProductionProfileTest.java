package dev.carepath.simulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The production profile carries no local default secret: started without its environment, the application stops
 * before anything starts (no database, broker or port is touched) and names every variable it needs.
 */
class ProductionProfileTest {

    @Test
    void startWithoutItsSecretsFailsNamingEachMissingVariable() {
        StandardEnvironment noVariables = new StandardEnvironment();
        noVariables.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

        assertThatThrownBy(() -> new SpringApplicationBuilder(PartnerSimulatorApplication.class).properties("spring.config.name=" + PartnerSimulatorApplication.CONFIG_NAME)
                .environment(noVariables).profiles("production").web(WebApplicationType.NONE).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The production profile needs these settings, which have no default there: "
                        + "CAREPATH_PORTAL_URL, CAREPATH_WEBHOOK_SECRET. Set them as environment variables (docs/operations.md, Settings).");
    }
}
