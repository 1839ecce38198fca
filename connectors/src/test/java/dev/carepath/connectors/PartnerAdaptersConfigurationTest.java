package dev.carepath.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.connectors.payments.HttpPaymentGateway;
import dev.carepath.connectors.payments.PaymentGateway;
import dev.carepath.connectors.telehealth.HttpTelehealthNetwork;
import dev.carepath.connectors.telehealth.TelehealthNetwork;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What an application gets when it imports the adapters, and what it does not. */
class PartnerAdaptersConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PartnerAdaptersConfiguration.class);

    @Test
    void providesTheThreePortsBackedByHttpAdaptersWithLocalDefaults() {
        context.run(app -> {
            assertThat(app).getBean(PaymentGateway.class).isInstanceOf(HttpPaymentGateway.class);
            assertThat(app).getBean(TelehealthNetwork.class).isInstanceOf(HttpTelehealthNetwork.class);
            assertThat(app).getBean(ErxNetwork.class).isInstanceOf(HttpErxNetwork.class);
            assertThat(app.getBean(PartnerProperties.class)).isEqualTo(
                    new PartnerProperties("http://127.0.0.1:8090", Duration.ofSeconds(2), Duration.ofSeconds(5)));
        });
    }

    @Test
    void bindsCarepathPartnersProperties() {
        context.withPropertyValues("carepath.partners.base-url=http://127.0.0.1:9999",
                        "carepath.partners.connect-timeout=250ms", "carepath.partners.read-timeout=750ms")
                .run(app -> assertThat(app.getBean(PartnerProperties.class)).isEqualTo(
                        new PartnerProperties("http://127.0.0.1:9999", Duration.ofMillis(250), Duration.ofMillis(750))));
    }

    @Test
    void bringsNothingOfTheSimulatorAlong() {
        context.run(app -> assertThat(Arrays.stream(app.getBeanDefinitionNames())
                .map(app::getType)
                .filter(Objects::nonNull)
                .map(Class::getName))
                .noneMatch(type -> type.startsWith("dev.carepath.connectors.simulator")));
        ClassLoader classpath = getClass().getClassLoader();
        assertThat(classpath.getResource("application.yml")).isNull();
        assertThat(classpath.getResource("application.yaml")).isNull();
        assertThat(classpath.getResource("application.properties")).isNull();
    }
}
