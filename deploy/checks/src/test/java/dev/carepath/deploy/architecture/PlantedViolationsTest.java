package dev.carepath.deploy.architecture;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of {@link ModuleBoundariesTest}, evaluated on the planted module tree ({@code planted}), reports the
 * class planted to break it and none of the lawful ones: a rule that could not fail would pass silently.
 */
class PlantedViolationsTest {

    private static final String PLANTED = "dev.carepath.deploy.architecture.planted";
    private static final JavaClasses PLANTED_CLASSES = new ClassFileImporter().importPackages(PLANTED);
    /** Planted classes that keep every rule. */
    private static final List<String> LAWFUL = List.of("contracts.Envelope", "tenancy.TenantTransactions",
            "eventing.Outbox", "engine.Journeys", "workers.Worker", "portal.Console", "connectors.Adapter",
            "connectors.simulator.Simulator");

    /** Each rule (by its field in {@link ModuleBoundariesTest}) on the planted tree, and the class breaking it. */
    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("engineUsesNoOtherDeployable",
                        ModuleRules.engineUsesNoOtherDeployable(PLANTED), "engine.EngineThatRunsAWorker"),
                arguments("portalUsesNoOtherDeployable",
                        ModuleRules.portalUsesNoOtherDeployable(PLANTED), "portal.PortalThatStartsTheEngine"),
                arguments("jobWorkersUseNoOtherDeployable",
                        ModuleRules.jobWorkersUseNoOtherDeployable(PLANTED), "workers.WorkerThatReadsThePortal"),
                arguments("onlyThePartnerSimulatorUsesItsCode",
                        ModuleRules.onlyThePartnerSimulatorUsesItsCode(PLANTED), "workers.WorkerThatUsesTheSimulator"),
                arguments("connectorsKnowNoEngineWorkerOrPortal",
                        ModuleRules.connectorsKnowNoEngineWorkerOrPortal(PLANTED), "connectors.AdapterThatCallsAWorker"),
                arguments("contractsDependOnNothingOfOurs",
                        ModuleRules.contractsDependOnNothingOfOurs(PLANTED), "contracts.EnvelopeThatAppends"),
                arguments("tenancyDependsOnNothingOfOurs",
                        ModuleRules.tenancyDependsOnNothingOfOurs(PLANTED), "tenancy.TenantScopeThatRelays"),
                arguments("eventingKnowsNoDeployable",
                        ModuleRules.eventingKnowsNoDeployable(PLANTED), "eventing.OutboxThatStartsJourneys"),
                arguments("dmnKnowsNoDeployable",
                        ModuleRules.dmnKnowsNoDeployable(PLANTED), "dmn.TableThatAsksTheEngine"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleReportsItsPlantedViolationAndNoLawfulClass(String name, ArchRule rule, String violator) {
        EvaluationResult result = rule.evaluate(PLANTED_CLASSES);

        assertThat(result.hasViolation()).as(name).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).as(name).anyMatch(detail -> isAbout(detail, violator));
        LAWFUL.forEach(lawful -> assertThat(details).as(name).noneMatch(detail -> isAbout(detail, lawful)));
    }

    @Test
    void everyRuleBetweenModulesHasAPlantedViolation() {
        Set<String> checked = Arrays.stream(ModuleBoundariesTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class)).map(Field::getName).collect(toSet());

        assertThat(rules().map(arguments -> (String) arguments.get()[0])).containsExactlyInAnyOrderElementsOf(checked);
    }

    /**
     * Whether a violation's detail is about the planted class: ArchUnit names the violating class or member first on
     * each line ({@code Method <a.B.m()> calls method <c.D.n()>}), so the target of a dependency does not count.
     */
    private static boolean isAbout(String detail, String plantedClass) {
        String name = PLANTED + "." + plantedClass;
        return detail.lines().filter(line -> line.contains("<") && line.contains(">"))
                .map(line -> line.substring(line.indexOf('<') + 1, line.indexOf('>', line.indexOf('<'))))
                .anyMatch(origin -> origin.equals(name) || origin.startsWith(name + ".") || origin.startsWith(name + "$"));
    }
}
