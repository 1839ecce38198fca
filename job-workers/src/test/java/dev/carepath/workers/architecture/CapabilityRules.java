package dev.carepath.workers.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries between the job-workers' capabilities, as rules over a root package: the deployable's
 * ({@code dev.carepath.workers}, {@link CapabilityBoundariesTest}) or the planted fixtures'
 * ({@link PlantedViolationsTest}), so each rule is shown to catch what it forbids.
 */
final class CapabilityRules {

    private CapabilityRules() {
    }

    /** Eligibility, pharmacy, notifications (every other capability) reach the clinical service only through its api. */
    static ArchRule clinicalIsReachedOnlyThroughItsApi(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".clinical..")
                .should().dependOnClassesThat(resideInAPackage(root + ".clinical..")
                        .and(not(resideInAPackage(root + ".clinical.api.."))))
                .because("the clinical service's face is its api package (docs/adr/0024-clinical-store-reached-by-call.md)");
    }

    /** The api shows none of the clinical service's internals: a caller holding an api type holds nothing more. */
    static ArchRule clinicalApiShowsNoInternals(String root) {
        return noClasses().that().resideInAPackage(root + ".clinical.api..")
                .should().dependOnClassesThat().resideInAPackage(root + ".clinical")
                .because("an api type that names an internal one would hand it to every caller");
    }

    /** Everything of the clinical service outside its api is package-private. */
    static ArchRule clinicalInternalsArePackagePrivate(String root) {
        return classes().that().resideInAPackage(root + ".clinical")
                .should().notBePublic()
                .because("only the api package is the clinical service's face");
    }

    /** No two capabilities (packages right under the root) depend on each other, directly or around a circle. */
    static ArchRule capabilitiesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("a capability that needs another must not be needed back");
    }
}
