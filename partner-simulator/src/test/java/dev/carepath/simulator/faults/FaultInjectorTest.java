package dev.carepath.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.simulator.PartnerKind;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Fault settings as configured, as profiles set them, and the decline decision per idempotency key. */
class FaultInjectorTest {

    private static final FaultSettings.LatencyRange CONFIGURED_LATENCY = new FaultSettings.LatencyRange(5, 30);

    private final ApplicationContextRunner simulator = new ApplicationContextRunner()
            .withUserConfiguration(Faults.class)
            .withPropertyValues(
                    // The keys simulator.yml had before timeouts, declines and late webhooks existed.
                    "simulator.faults.payments.latency-ms.min=5", "simulator.faults.payments.latency-ms.max=30",
                    "simulator.faults.payments.error-rate=0.1", "simulator.faults.payments.duplicate-webhook-rate=0",
                    "simulator.faults.erx.latency-ms.min=5", "simulator.faults.erx.latency-ms.max=30");

    @Test
    void theOldKeysStillBindAndEverythingLeftOutIsCalm() {
        simulator.run(app -> {
            FaultInjector faults = app.getBean(FaultInjector.class);
            assertThat(faults.settings(PartnerKind.PAYMENTS)).isEqualTo(new FaultSettings(CONFIGURED_LATENCY, 0.1, 0,
                    6_000, 0, 0, 0, 0, Duration.ofSeconds(30)));
            assertThat(faults.settings(PartnerKind.ERX)).isEqualTo(FaultSettings.calm(CONFIGURED_LATENCY));
            FaultSettings.LatencyRange none = new FaultSettings.LatencyRange(0, 0);
            assertThat(faults.settings(PartnerKind.TELEHEALTH)).isEqualTo(FaultSettings.calm(none));
            assertThat(faults.settings(PartnerKind.SHIPPING)).isEqualTo(FaultSettings.calm(none));
            assertThat(faults.settings(PartnerKind.MESSAGING)).isEqualTo(FaultSettings.calm(none));
        });
    }

    @Test
    void bindsTheNewKeys() {
        simulator.withPropertyValues("simulator.faults.erx.timeout-rate=0.05", "simulator.faults.erx.timeout-ms=7000",
                        "simulator.faults.erx.out-of-order-webhook-rate=0.3", "simulator.faults.erx.late-webhook-rate=0.1",
                        "simulator.faults.erx.late-webhook-delay=5s", "simulator.faults.payments.decline-rate=0.25")
                .run(app -> {
                    FaultInjector faults = app.getBean(FaultInjector.class);
                    assertThat(faults.settings(PartnerKind.ERX)).isEqualTo(new FaultSettings(CONFIGURED_LATENCY, 0,
                            0.05, 7_000, 0, 0, 0.3, 0.1, Duration.ofSeconds(5)));
                    assertThat(faults.settings(PartnerKind.PAYMENTS).declineRate()).isEqualTo(0.25);
                });
    }

    @Test
    void theChaosProfileAtStartupHitsEveryKindAndIsWhatAResetRestores() {
        simulator.withPropertyValues("simulator.faults.profile=chaos").run(app -> {
            FaultInjector faults = app.getBean(FaultInjector.class);
            assertThat(faults.all().values()).hasSize(PartnerKind.values().length)
                    .allSatisfy(FaultInjectorTest::assertChaos);
            assertThat(faults.settings(PartnerKind.PAYMENTS).latencyMs()).isEqualTo(CONFIGURED_LATENCY);

            faults.apply(FaultProfile.CALM);
            assertThat(faults.settings(PartnerKind.PAYMENTS)).isEqualTo(FaultSettings.calm(CONFIGURED_LATENCY));
            faults.reset();
            assertChaos(faults.settings(PartnerKind.PAYMENTS));
        });
    }

    @Test
    void anUnknownProfileStopsTheSimulatorFromStarting() {
        simulator.withPropertyValues("simulator.faults.profile=mayhem").run(app -> assertThat(app).hasFailed());
    }

    @Test
    void theChaosProfileIsExactlyThis() {
        FaultSettings chaos = FaultProfile.CHAOS.applyTo(FaultSettings.calm(CONFIGURED_LATENCY));

        assertThat(chaos).isEqualTo(new FaultSettings(CONFIGURED_LATENCY, 0.2, 0.05, 6_000, 0, 0.2, 0.3, 0.1,
                Duration.ofSeconds(5)));
        assertThat(FaultProfile.CALM.applyTo(chaos)).isEqualTo(FaultSettings.calm(CONFIGURED_LATENCY));
    }

    @Test
    void aDeclineIsDecidedByTheKeySoARetriedKeyGetsTheSameAnswer() {
        simulator.withPropertyValues("simulator.faults.payments.decline-rate=0.5").run(app -> {
            FaultInjector faults = app.getBean(FaultInjector.class);
            List<String> keys = IntStream.range(0, 400).mapToObj(i -> "tenant:" + UUID.randomUUID() + ":1").toList();

            List<Boolean> first = keys.stream().map(faults::declineCharge).toList();
            List<Boolean> again = keys.stream().map(faults::declineCharge).toList();

            assertThat(again).isEqualTo(first);
            assertThat(first.stream().filter(Boolean::booleanValue).count()).isBetween(140L, 260L);
        });
    }

    @Test
    void noDeclinesAtRateZeroAndAllAtRateOne() {
        simulator.run(app -> {
            FaultInjector faults = app.getBean(FaultInjector.class);
            assertThat(faults.declineCharge("k1")).isFalse();
            faults.update(PartnerKind.PAYMENTS, new FaultChange(null, null, null, null, 1.0, null, null, null, null));
            assertThat(faults.declineCharge("k1")).isTrue();
        });
    }

    @Test
    void keyFractionsStayInsideZeroToOne() {
        assertThat(IntStream.range(0, 1_000).mapToDouble(i -> FaultInjector.fractionOf("key-" + i)))
                .allSatisfy(fraction -> assertThat(fraction).isGreaterThanOrEqualTo(0).isLessThan(1));
    }

    private static void assertChaos(FaultSettings settings) {
        assertThat(settings.errorRate()).isEqualTo(0.2);
        assertThat(settings.timeoutRate()).isEqualTo(0.05);
        assertThat(settings.timeoutMs()).isEqualTo(6_000);
        assertThat(settings.duplicateWebhookRate()).isEqualTo(0.2);
        assertThat(settings.outOfOrderWebhookRate()).isEqualTo(0.3);
        assertThat(settings.lateWebhookRate()).isEqualTo(0.1);
        assertThat(settings.lateWebhookDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.declineRate()).isZero();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FaultProperties.class)
    @Import(FaultInjector.class)
    static class Faults {
    }
}
