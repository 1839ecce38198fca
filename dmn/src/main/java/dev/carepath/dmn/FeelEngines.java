package dev.carepath.dmn;

import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;
import org.operaton.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.operaton.bpm.dmn.feel.impl.FeelEngine;
import org.operaton.bpm.dmn.feel.impl.FeelEngineFactory;

/**
 * The one FEEL engine of a JVM, for every DMN engine carepath builds: the process engine's (a plugin of the engine
 * module sets {@link #factory()}), {@link DecisionEvaluator} (portal deployment gate and what-if, dmn tests) and the
 * job-workers' eligibility table. It is built once and keeps the expressions it parsed ({@link CachingFeelEngine}),
 * so the n-th evaluation of a table costs no parsing and no engine set-up.
 */
public final class FeelEngines {

    private static final FeelEngine SHARED = new CachingFeelEngine();
    private static final FeelEngineFactory FACTORY = () -> SHARED;

    private FeelEngines() {
    }

    /** A factory that hands out the shared engine (for {@code DefaultDmnEngineConfiguration#setFeelEngineFactory}). */
    public static FeelEngineFactory factory() {
        return FACTORY;
    }

    /** A fresh default DMN engine configuration (FEEL everywhere, as Operaton's default) using the shared engine. */
    public static DefaultDmnEngineConfiguration dmnEngineConfiguration() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.setFeelEngineFactory(FACTORY);
        return configuration;
    }
}
