package dev.carepath.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.rest.spi.ProcessEngineProvider;

class ProcessEngineLookupTest {

    /** A class loader that counts the searches for each name. */
    static final class Counting extends ClassLoader {

        final AtomicInteger providerFileSearches = new AtomicInteger();
        final AtomicInteger otherSearches = new AtomicInteger();

        Counting(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            (ProcessEngineLookup.PROVIDER_FILE.equals(name) ? providerFileSearches : otherSearches).incrementAndGet();
            return super.getResources(name);
        }
    }

    private final Counting application = new Counting(getClass().getClassLoader());
    private final ClassLoader cache = new ProcessEngineLookup.ProviderFileCache(application);

    @Test
    void theProviderFileIsSearchedForOnceAndAnsweredAlikeEveryTime() throws IOException {
        List<URL> direct = Collections.list(application.getResources(ProcessEngineLookup.PROVIDER_FILE));
        assertThat(direct).as("the engine's REST API ships a provider file").isNotEmpty();
        application.providerFileSearches.set(0);

        for (int i = 0; i < 5; i++) {
            assertThat(Collections.list(cache.getResources(ProcessEngineLookup.PROVIDER_FILE))).isEqualTo(direct);
        }
        assertThat(application.providerFileSearches).hasValue(1);
    }

    @Test
    void theServiceLoaderFindsTheSameProviderThroughTheCache() {
        List<String> direct = ServiceLoader.load(ProcessEngineProvider.class, application).stream()
                .map(provider -> provider.type().getName()).toList();
        List<String> cached = ServiceLoader.load(ProcessEngineProvider.class, cache).stream()
                .map(provider -> provider.type().getName()).toList();
        assertThat(cached).isNotEmpty().isEqualTo(direct);
        ServiceLoader.load(ProcessEngineProvider.class, cache).stream().count();
        assertThat(application.providerFileSearches).as("one search for the direct load, one for the cache")
                .hasValue(2);
    }

    @Test
    void everyOtherResourceAndClassIsTheParents() throws Exception {
        assertThat(Collections.list(cache.getResources("META-INF/spring.factories")))
                .isEqualTo(Collections.list(application.getResources("META-INF/spring.factories")));
        cache.getResources("META-INF/spring.factories");
        assertThat(application.otherSearches).as("not cached").hasValue(3);
        assertThat(cache.loadClass(ProcessEngineProvider.class.getName())).isSameAs(ProcessEngineProvider.class);
    }
}
