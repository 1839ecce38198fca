package dev.carepath.deploy.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * What each module of ours may know of the others, as rules over a base package: ours ({@code dev.carepath},
 * {@link ModuleBoundariesTest}) or the planted fixtures' ({@link PlantedViolationsTest}), so each rule is shown to
 * catch what it forbids. The deployables are the engine, the portal, the job-workers ({@code workers}) and the
 * partner simulator ({@code simulator}): they talk over HTTP and the event backbone, never by a call.
 */
final class ModuleRules {

    private static final List<String> DEPLOYABLES = List.of("engine", "portal", "workers", "simulator");

    private ModuleRules() {
    }

    static ArchRule engineUsesNoOtherDeployable(String base) {
        return usesNoOtherDeployable(base, "engine");
    }

    static ArchRule portalUsesNoOtherDeployable(String base) {
        return usesNoOtherDeployable(base, "portal");
    }

    static ArchRule jobWorkersUseNoOtherDeployable(String base) {
        return usesNoOtherDeployable(base, "workers");
    }

    /** The simulator stands in for the partners at their HTTP boundary: no production code may call it. */
    static ArchRule onlyThePartnerSimulatorUsesItsCode(String base) {
        return noClasses().that().resideOutsideOfPackage(base + ".simulator..")
                .should().dependOnClassesThat().resideInAPackage(base + ".simulator..")
                .because("the partner simulator is a deployable of its own, reached over HTTP like a partner");
    }

    /**
     * The simulator plays the partners from their side of the wire: it shares no code with the adapters that call
     * them (nor with any other deployable), or the two would agree by construction rather than over HTTP.
     */
    static ArchRule simulatorSharesNoCodeWithTheAdapters(String base) {
        return noClasses().that().resideInAPackage(base + ".simulator..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        packages(base, List.of("connectors", "tenancy", "eventing", "engine", "portal", "workers")))
                .because("a simulated partner must answer as the real one would, not as our adapters expect");
    }

    /** The partner adapters are a library of the deployables, and know none of them. */
    static ArchRule connectorsKnowNoEngineWorkerOrPortal(String base) {
        return noClasses().that().resideInAPackage(base + ".connectors..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(base, List.of("engine", "portal", "workers")))
                .because("a partner adapter serves whichever deployable calls it");
    }

    /** The contracts (events, problems, the agent API's types) are what everything shares, so they share nothing. */
    static ArchRule contractsDependOnNothingOfOurs(String base) {
        return noClasses().that().resideInAPackage(base + ".contracts..")
                .should().dependOnClassesThat(resideInAPackage(base + "..")
                        .and(not(resideInAPackage(base + ".contracts.."))))
                .because("every module depends on the contracts; a contract depending back would tie them all together");
    }

    /**
     * Tenancy (the tenant of a transaction, row-level security, schema owners and the application role's grants) is
     * what eventing and every deployable stand on, so it stands on nothing of ours: eventing may use it, not the
     * reverse.
     */
    static ArchRule tenancyDependsOnNothingOfOurs(String base) {
        return noClasses().that().resideInAPackage(base + ".tenancy..")
                .should().dependOnClassesThat(resideInAPackage(base + "..")
                        .and(not(resideInAPackage(base + ".tenancy.."))))
                .because("eventing and every deployable depend on tenancy; tenancy depending back would tie them"
                        + " together");
    }

    static ArchRule eventingKnowsNoDeployable(String base) {
        return knowsNoDeployable(base, "eventing");
    }

    static ArchRule dmnKnowsNoDeployable(String base) {
        return knowsNoDeployable(base, "dmn");
    }

    private static ArchRule usesNoOtherDeployable(String base, String deployable) {
        return noClasses().that().resideInAPackage(base + "." + deployable + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(base, DEPLOYABLES.stream()
                        .filter(other -> !other.equals(deployable)).toList()))
                .because("deployables talk over HTTP and the event backbone, never by a call into each other's code");
    }

    private static ArchRule knowsNoDeployable(String base, String library) {
        return noClasses().that().resideInAPackage(base + "." + library + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(base, DEPLOYABLES))
                .because("a library shared by the deployables knows none of them");
    }

    private static String[] packages(String base, List<String> modules) {
        return modules.stream().map(module -> base + "." + module + "..").toArray(String[]::new);
    }
}
