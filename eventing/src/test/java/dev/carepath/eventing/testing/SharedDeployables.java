package dev.carepath.eventing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Deployables (processes started with {@link RunningApplication}, or anything else to close) started once per module
 * run and shared by every test class that asks for the same key, instead of once per class: a Spring Boot
 * application takes 10 to 30 s to start on a loaded 2-core machine. The first class that asks starts it; it is
 * closed when the JUnit run ends (it lives in the root extension context's store). A start that fails is not
 * kept: the next test that asks tries again.
 *
 * <p>Tests stay independent by working on their own tenants and orders (fresh ids), never by a fresh process. A
 * class whose shared deployables act on the shared database or broker by themselves (an engine, job-workers) is
 * marked {@link UsesSharedDeployables}, so it runs after the classes that expect nothing to act on their orders.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BeforeAllCallback PLATFORM = context ->
 *         platform = SharedDeployables.shared(context, "portal-platform", () -> RunningPlatform.start(options));
 * }</pre>
 */
public final class SharedDeployables {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDeployables.class);

    private SharedDeployables() {
    }

    /** Starts a deployable; may take long and fail. */
    @FunctionalInterface
    public interface Starter<T extends AutoCloseable> {
        T start() throws IOException;
    }

    /**
     * The deployable shared under {@code key} in this run, started by {@code starter} if no class has started it yet.
     * Different settings must use different keys.
     */
    public static <T extends AutoCloseable> T shared(ExtensionContext context, String key, Starter<T> starter) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        try {
            @SuppressWarnings("unchecked")
            Held<T> held = store.getOrComputeIfAbsent(key, k -> {
                try {
                    return new Held<>(starter.start());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the shared deployable " + key, e);
                }
            }, Held.class);
            return held.value;
        } catch (RuntimeException | Error failed) {
            // JUnit's store keeps a failed computation and rethrows it to every later caller: forget it, so the
            // next test tries to start the deployable again (as a test that starts its own would).
            try {
                store.remove(key);
            } catch (RuntimeException | Error alsoFailed) {
                // the same failure, rethrown by the store while removing it
            }
            throw failed;
        }
    }

    /** Closes the deployable at the end of the run. */
    private static final class Held<T extends AutoCloseable> implements ExtensionContext.Store.CloseableResource {

        private final T value;

        Held(T value) {
            this.value = value;
        }

        @Override
        public void close() throws Exception {
            value.close();
        }
    }
}
