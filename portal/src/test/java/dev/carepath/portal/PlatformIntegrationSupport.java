package dev.carepath.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the portal ITs that run whole journeys: this test's portal with the rest of the platform around it
 * ({@link RunningPlatform}: the partner simulator, the engine and the job-workers as processes of their own). The
 * platform is started once for every such test class of this test run and stopped when the test JVM ends; the
 * classes share one portal context too (the same clinical store address). Partners act quickly, and one week of
 * the titration schedule lasts one second, so a journey runs its cycles in seconds; a test that needs a partner to
 * hold still scripts that partner for its order ({@code PUT /admin/scenarios/{orderId}} on the simulator).
 */
public abstract class PlatformIntegrationSupport extends PortalIntegrationSupport {

    private static RunningPlatform platform;

    /** The running platform, started on first use. */
    protected static synchronized RunningPlatform platform() {
        if (platform == null) {
            try {
                platform = RunningPlatform.start(RunningPlatform.options()
                        .simulator("simulator.telehealth.visit-completion-delay=300ms")
                        .simulator("simulator.pharmacy.dispense-delay=300ms")
                        .simulator("simulator.pharmacy.ship-delay=300ms")
                        .simulator("simulator.pharmacy.deliver-delay=600ms")
                        .engine("CAREPATH_FOLLOW_UP_UNIT", "1s"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RunningPlatform started = platform;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-platform"));
        }
        return platform;
    }

    @BeforeAll
    static void startThePlatform() {
        platform();
    }

    @DynamicPropertySource
    static void clinicalStore(DynamicPropertyRegistry registry) {
        registry.add("carepath.clinical.url", () -> platform().workers().url());
    }

    @BeforeEach
    void webhooksToThisPortal() {
        platform().webhooksTo(port);
    }
}
