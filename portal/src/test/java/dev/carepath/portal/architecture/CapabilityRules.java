package dev.carepath.portal.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * The boundaries between the portal's capabilities, as rules over a root package: the deployable's
 * ({@code dev.carepath.portal}, {@link CapabilityBoundariesTest}) or the planted fixtures'
 * ({@link PlantedViolationsTest}), so each rule is shown to catch what it forbids. A capability is a package right
 * under the root; the classes of the root package itself (the application, its properties) are everyone's.
 */
final class CapabilityRules {

    /** The contract's generated server interfaces and DTOs: every capability implements or uses them. */
    private static final String GENERATED_API = "api";

    private CapabilityRules() {
    }

    /**
     * A capability uses another only through the types that other offers ({@code publicApi}, named relative to the
     * root, e.g. {@code journeys.Journeys}; their nested types with them), and the generated contract types.
     */
    static ArchRule capabilitiesUseEachOtherOnlyThroughTheirPublicApi(String root, Set<String> publicApi) {
        return classes().that().resideInAPackage(root + ".*..").and().resideOutsideOfPackage(root + "." + GENERATED_API + "..")
                .should(useOtherCapabilitiesOnlyThrough(root, publicApi))
                .because("a capability's other types are its own to change");
    }

    /**
     * No two capabilities (packages right under the root) depend on each other, directly or around a circle, but for
     * one known circle, spelled out here so that no other joins it: clinical asks {@code journeys.Journeys} whose
     * journey an intake or prescription request is, and a journey start hands its intake to {@code clinical.Intakes}.
     */
    static ArchRule capabilitiesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(root + ".clinical.."), resideInAPackage(root + ".journeys.."))
                .because("a capability that needs another must not be needed back");
    }

    private static ArchCondition<JavaClass> useOtherCapabilitiesOnlyThrough(String root, Set<String> publicApi) {
        return new ArchCondition<>("use other capabilities only through their public API") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = capabilityOf(root, origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = outermost(dependency.getTargetClass().getBaseComponentType());
                    String other = capabilityOf(root, target);
                    boolean allowed = other == null || other.equals(own) || other.equals(GENERATED_API)
                            || publicApi.contains(target.getName().substring(root.length() + 1));
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The capability (first package under the root) a class belongs to, or null for the root's own and others'. */
    private static String capabilityOf(String root, JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return null;
        }
        String below = name.substring(root.length() + 1);
        int dot = below.indexOf('.');
        return dot < 0 ? below : below.substring(0, dot);
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
