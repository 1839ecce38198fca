package dev.carepath.engine;

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

        assertThatThrownBy(() -> new SpringApplicationBuilder(EngineApplication.class)
                .environment(noVariables).profiles("production").web(WebApplicationType.NONE).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The production profile needs these settings, which have no default there: "
                        + "CAREPATH_ADMIN_PASSWORD, CAREPATH_ENGINE_APP_DB_PASSWORD, CAREPATH_ENGINE_DB_PASSWORD, CAREPATH_OPS_PASSWORD, CAREPATH_PGHOST, CAREPATH_PORTAL_ENGINE_PASSWORD, CAREPATH_RABBIT_HOST, CAREPATH_RABBIT_PASSWORD, CAREPATH_RABBIT_USER, CAREPATH_WORKERS_PASSWORD. Set them as environment variables (docs/operations.md, Settings).");
    }
}
