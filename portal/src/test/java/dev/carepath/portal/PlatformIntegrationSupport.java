package dev.carepath.portal;

import dev.carepath.eventing.testing.SharedDeployables;
import dev.carepath.eventing.testing.UsesSharedDeployables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the portal ITs that need the whole platform around their portal: one {@link RunningPlatform} (the partner
 * simulator, the engine and the job-workers, each a process of its own) for every such class of the module run,
 * started by the first of them and stopped when the run ends ({@link SharedDeployables}), and one portal context
 * for all of them (this class's configuration). Partners act within a second and one week of the titration
 * schedule lasts one second, so a journey runs its cycles in seconds; a test that needs a partner to hold still
 * scripts it for its order ({@link RunningPlatform#scriptPartners}). Tests stay apart by their own tenants and
 * orders.
 *
 * <p>The platform's engine starts a journey for every order any portal context stores, and its workers take every
 * task: these classes run after every other portal IT ({@link UsesSharedDeployables}).
 */
@UsesSharedDeployables
public abstract class PlatformIntegrationSupport extends PortalIntegrationSupport {

    /** The platform every subclass shares. */
    protected static RunningPlatform platform;

    @RegisterExtension
    static final BeforeAllCallback START_THE_PLATFORM = context -> platform = SharedDeployables.shared(context,
            "portal-platform", () -> RunningPlatform.start(RunningPlatform.options()
                    .simulator("simulator.telehealth.visit-completion-delay=300ms")
                    .simulator("simulator.pharmacy.dispense-delay=300ms")
                    .simulator("simulator.pharmacy.ship-delay=300ms")
                    .simulator("simulator.pharmacy.deliver-delay=600ms")
                    .engine("CAREPATH_FOLLOW_UP_UNIT", "1s")));

    @DynamicPropertySource
    static void platformAddresses(DynamicPropertyRegistry registry) {
        registry.add("carepath.clinical.url", () -> platform.workers().url());
        registry.add("carepath.decisions.engine-url", () -> platform.engine().url() + "/engine-rest");
    }

    @BeforeEach
    void webhooksToThisPortal() {
        platform.webhooksTo(port);
    }
}
