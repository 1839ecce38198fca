package dev.carepath.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.messaging.HttpMessagingGateway;
import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessagingGateway;
import dev.carepath.connectors.messaging.MessagingProperties;
import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.connectors.partner.PartnerProperties.CircuitBreakerSettings;
import dev.carepath.connectors.payments.HttpPaymentGateway;
import dev.carepath.connectors.payments.PaymentGateway;
import dev.carepath.connectors.shipping.HttpShippingCarriers;
import dev.carepath.connectors.shipping.ShippingCarriers;
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
    void providesTheFivePortsBackedByHttpAdaptersWithLocalDefaults() {
        context.run(app -> {
            assertThat(app).getBean(PaymentGateway.class).isInstanceOf(HttpPaymentGateway.class);
            assertThat(app).getBean(TelehealthNetwork.class).isInstanceOf(HttpTelehealthNetwork.class);
            assertThat(app).getBean(ErxNetwork.class).isInstanceOf(HttpErxNetwork.class);
            assertThat(app).getBean(ShippingCarriers.class).isInstanceOf(HttpShippingCarriers.class);
            assertThat(app).getBean(MessagingGateway.class).isInstanceOf(HttpMessagingGateway.class);
            assertThat(app.getBean(PartnerProperties.class)).isEqualTo(
                    new PartnerProperties("http://127.0.0.1:8090", Duration.ofSeconds(2), Duration.ofSeconds(5)));
            assertThat(app.getBean(PartnerProperties.class).circuitBreaker()).isEqualTo(
                    new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(10), 3));
            assertThat(app.getBean(MessagingProperties.class)).isEqualTo(MessagingProperties.defaults());
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
    void bindsTheCircuitBreakerSettingsAndHandsThemToTheHttpClient() {
        context.withPropertyValues("carepath.partners.circuit-breaker.failure-rate-threshold=25",
                        "carepath.partners.circuit-breaker.sliding-window-size=40",
                        "carepath.partners.circuit-breaker.minimum-number-of-calls=5",
                        "carepath.partners.circuit-breaker.wait-duration-in-open-state=30s",
                        "carepath.partners.circuit-breaker.permitted-calls-in-half-open-state=1")
                .run(app -> {
                    assertThat(app.getBean(PartnerProperties.class).circuitBreaker()).isEqualTo(
                            new CircuitBreakerSettings(25, 40, 5, Duration.ofSeconds(30), 1));
                    var breaker = app.getBean(PartnerHttp.class).circuitBreakers().getDefaultConfig();
                    assertThat(breaker.getFailureRateThreshold()).isEqualTo(25f);
                    assertThat(breaker.getSlidingWindowSize()).isEqualTo(40);
                    assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(5);
                    assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(1);
                });
    }

    @Test
    void refusesACircuitBreakerThatCouldNeverOpen() {
        context.withPropertyValues("carepath.partners.circuit-breaker.failure-rate-threshold=0")
                .run(app -> assertThat(app).hasFailed());
    }

    @Test
    void bindsTheMessagingProviderPerChannel() {
        context.withPropertyValues("carepath.partners.messaging.sms-provider=other-sms")
                .run(app -> {
                    MessagingProperties providers = app.getBean(MessagingProperties.class);
                    assertThat(providers.providerFor(MessageChannel.EMAIL)).isEqualTo("postmark-sim");
                    assertThat(providers.providerFor(MessageChannel.SMS)).isEqualTo("other-sms");
                    assertThat(providers.providerFor(MessageChannel.PUSH)).isEqualTo("beacon-push");
                });
    }

    @Test
    void bringsNothingOfTheSimulatorAlong() {
        context.run(app -> assertThat(Arrays.stream(app.getBeanDefinitionNames())
                .map(app::getType)
                .filter(Objects::nonNull)
                .map(Class::getName))
                .noneMatch(type -> type.startsWith("dev.carepath.simulator")));
        ClassLoader classpath = getClass().getClassLoader();
        assertThat(classpath.getResource("application.yml")).isNull();
        assertThat(classpath.getResource("application.yaml")).isNull();
        assertThat(classpath.getResource("application.properties")).isNull();
    }
}
