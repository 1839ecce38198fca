package dev.carepath.engine.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spares every engine REST request a search of the whole class path. Operaton's REST resources find the process
 * engine anew for each request, through a {@link java.util.ServiceLoader} on the thread's context class loader
 * ({@code EngineUtil.lookupProcessEngine}); in a Spring Boot jar that loader reads the provider file's name in each of
 * the jar's nested jars. A JFR profile of an empty {@code fetchAndLock} at full load put 39 % of the engine's CPU
 * samples in that search (the journey bench: 13 %).
 *
 * <p>For {@code /engine-rest/*} requests the context class loader becomes a child of the usual one that answers
 * this one resource name, the provider file, from what its parent found the first time; every other name and every
 * class goes to the parent as before, so what loads and from where does not change. The provider file is part of
 * the jar and cannot change while the engine runs.
 *
 * <p>The authentication filter needs no lookup at all: it is handed the application's engine
 * ({@code EngineRestSecurity}). The resources cannot be: Operaton creates them per request and their lookup is static,
 * so the class loader they look through is the one place to cut its cost.
 */
@Configuration(proxyBeanMethods = false)
class ProcessEngineLookup {

    static final String PROVIDER_FILE = "META-INF/services/org.operaton.bpm.engine.rest.spi.ProcessEngineProvider";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> processEngineLookupFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {

                    private volatile ProviderFileCache cache;

                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        Thread thread = Thread.currentThread();
                        ClassLoader usual = thread.getContextClassLoader();
                        thread.setContextClassLoader(cacheOver(usual));
                        try {
                            chain.doFilter(request, response);
                        } finally {
                            thread.setContextClassLoader(usual);
                        }
                    }

                    /** One cache for the application's loader (the same on every request thread). */
                    private ClassLoader cacheOver(ClassLoader usual) {
                        ProviderFileCache current = cache;
                        if (current != null && current.getParent() == usual) {
                            return current;
                        }
                        if (usual == null) {
                            return null;
                        }
                        current = new ProviderFileCache(usual);
                        cache = current;
                        return current;
                    }
                });
        registration.setName("engine-rest-process-engine-lookup");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Answers {@link #PROVIDER_FILE} from what the parent found once; everything else is the parent's. */
    static final class ProviderFileCache extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private volatile List<URL> providerFiles;

        ProviderFileCache(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!PROVIDER_FILE.equals(name)) {
                return super.getResources(name);
            }
            List<URL> found = providerFiles;
            if (found == null) {
                found = List.copyOf(Collections.list(getParent().getResources(name)));
                providerFiles = found;
            }
            return Collections.enumeration(found);
        }
    }
}
