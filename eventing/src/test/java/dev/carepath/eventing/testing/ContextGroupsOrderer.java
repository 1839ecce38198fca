package dev.carepath.eventing.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The order of a module's integration test classes (JUnit's {@code junit.jupiter.testclass.order.default}, set in
 * the failsafe configuration): the classes that share one Spring application context run one after the other, so
 * each context starts once and, with a context cache of one ({@code spring.test.context.cache.maxSize=1}), is closed
 * when the next group starts instead of running idle beside it (relays and dispatchers polling, connections held)
 * until the end of the run. Classes marked {@link UsesSharedDeployables} come last, whatever their context.
 *
 * <p>Two classes share a context exactly when Spring's context cache would give them the same one: the key is
 * Spring's own {@link MergedContextConfiguration}. Groups keep the order in which their first class comes by name;
 * classes keep their order by name within a group, so the order is the same on every machine.
 */
public final class ContextGroupsOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        List<ClassDescriptor> byName = new ArrayList<>(classes);
        byName.sort(Comparator.comparing(descriptor -> descriptor.getTestClass().getName()));
        Map<Object, List<ClassDescriptor>> isolated = new LinkedHashMap<>();
        Map<Object, List<ClassDescriptor>> sharing = new LinkedHashMap<>();
        for (ClassDescriptor descriptor : byName) {
            Class<?> testClass = descriptor.getTestClass();
            Map<Object, List<ClassDescriptor>> groups = testClass.isAnnotationPresent(UsesSharedDeployables.class)
                    ? sharing : isolated;
            groups.computeIfAbsent(contextKey(testClass), key -> new ArrayList<>()).add(descriptor);
        }
        List<ClassDescriptor> ordered = new ArrayList<>();
        isolated.values().forEach(ordered::addAll);
        sharing.values().forEach(ordered::addAll);
        @SuppressWarnings("unchecked")
        List<ClassDescriptor> target = (List<ClassDescriptor>) classes;
        target.sort(Comparator.comparingInt(ordered::indexOf));
    }

    /** Spring's context cache key of the class; a class Spring cannot configure is a group of its own. */
    private static Object contextKey(Class<?> testClass) {
        try {
            return BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
        } catch (RuntimeException | LinkageError e) {
            return testClass;
        }
    }
}
