package dev.carepath.portal;

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

        assertThatThrownBy(() -> new SpringApplicationBuilder(PortalApplication.class)
                .environment(noVariables).profiles("production").web(WebApplicationType.NONE).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The production profile needs these settings, which have no default there: "
                        + "CAREPATH_AUDIT_ANCHOR_DIR, CAREPATH_AUDIT_ANCHOR_KEY, CAREPATH_CALLBACK_SECRETS_KEYSET, CAREPATH_CLINICAL_INTAKE_PASSWORD, CAREPATH_CLINICAL_READER_PASSWORD, CAREPATH_CLINICAL_TLS_CA, CAREPATH_CLINICAL_URL, CAREPATH_ENGINE_URL, CAREPATH_JWT_SIGNING_KEYS, CAREPATH_PARTNERS_URL, CAREPATH_PGHOST, CAREPATH_PLATFORM_CLIENT_SECRET, CAREPATH_PORTAL_APP_DB_PASSWORD, CAREPATH_PORTAL_DB_PASSWORD, CAREPATH_PORTAL_ENGINE_PASSWORD, CAREPATH_RABBIT_HOST, CAREPATH_RABBIT_PASSWORD, CAREPATH_RABBIT_USER, CAREPATH_WEBHOOK_SECRET. Set them as environment variables (docs/operations.md, Settings).");
    }
}
