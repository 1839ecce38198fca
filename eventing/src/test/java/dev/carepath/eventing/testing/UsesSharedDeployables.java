package dev.carepath.eventing.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integration test class (or its base class) that works with deployables shared by the whole module run
 * ({@link SharedDeployables}) which act on the shared database and virtual host by themselves: an engine that starts
 * journeys of every order it is told of, job-workers that take every task it offers. Such deployables run until the
 * end of the run, so {@link ContextGroupsOrderer} runs these classes after every other class of the module: no test
 * that expects nothing to move its orders runs while they do.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UsesSharedDeployables {
}
