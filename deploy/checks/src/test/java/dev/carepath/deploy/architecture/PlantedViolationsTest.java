package dev.carepath.deploy.architecture;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.lang.ArchRule;
import dev.carepath.eventing.testing.PlantedViolations;
import java.util.List;
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
    /** The planted tree, and its classes that keep every rule. */
    private static final PlantedViolations PLANTED_TREE = new PlantedViolations(PLANTED, List.of("contracts.Envelope",
            "tenancy.TenantTransactions", "eventing.Outbox", "engine.Journeys", "workers.Worker", "portal.Console",
            "connectors.Adapter", "simulator.Simulator"));

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
                arguments("simulatorSharesNoCodeWithTheAdapters",
                        ModuleRules.simulatorSharesNoCodeWithTheAdapters(PLANTED), "simulator.SimulatorThatUsesAnAdapter"),
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
        PLANTED_TREE.assertReportsOnlyItsViolator(name, rule, violator);
    }

    @Test
    void everyRuleBetweenModulesHasAPlantedViolation() {
        PlantedViolations.assertEveryRuleOf(ModuleBoundariesTest.class, rules());
    }
}
