package dev.carepath.deploy.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What each module may know of the others ({@link ModuleRules}), checked on every module's compiled classes. */
@AnalyzeClasses(locations = ModuleClasses.class)
class ModuleBoundariesTest {

    static final String BASE = "dev.carepath";

    @ArchTest
    static final ArchRule engineUsesNoOtherDeployable = ModuleRules.engineUsesNoOtherDeployable(BASE);

    @ArchTest
    static final ArchRule portalUsesNoOtherDeployable = ModuleRules.portalUsesNoOtherDeployable(BASE);

    @ArchTest
    static final ArchRule jobWorkersUseNoOtherDeployable = ModuleRules.jobWorkersUseNoOtherDeployable(BASE);

    @ArchTest
    static final ArchRule onlyThePartnerSimulatorUsesItsCode = ModuleRules.onlyThePartnerSimulatorUsesItsCode(BASE);

    @ArchTest
    static final ArchRule simulatorSharesNoCodeWithTheAdapters = ModuleRules.simulatorSharesNoCodeWithTheAdapters(BASE);

    @ArchTest
    static final ArchRule connectorsKnowNoEngineWorkerOrPortal = ModuleRules.connectorsKnowNoEngineWorkerOrPortal(BASE);

    @ArchTest
    static final ArchRule contractsDependOnNothingOfOurs = ModuleRules.contractsDependOnNothingOfOurs(BASE);

    @ArchTest
    static final ArchRule tenancyDependsOnNothingOfOurs = ModuleRules.tenancyDependsOnNothingOfOurs(BASE);

    @ArchTest
    static final ArchRule eventingKnowsNoDeployable = ModuleRules.eventingKnowsNoDeployable(BASE);

    @ArchTest
    static final ArchRule dmnKnowsNoDeployable = ModuleRules.dmnKnowsNoDeployable(BASE);
}
