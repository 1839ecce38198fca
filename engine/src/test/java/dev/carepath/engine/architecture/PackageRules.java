package dev.carepath.engine.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries between the engine's packages, as rules over a root package: the deployable's
 * ({@code dev.carepath.engine}, {@link PackageBoundariesTest}) or the planted fixtures' ({@link PlantedViolationsTest}),
 * so each rule is shown to catch what it forbids. What the engine may know of the other modules is checked across
 * modules (deploy/checks, ModuleBoundariesTest).
 */
final class PackageRules {

    private PackageRules() {
    }

    /** No two packages right under the root depend on each other, directly or around a circle. */
    static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("a package that needs another must not be needed back");
    }
}
