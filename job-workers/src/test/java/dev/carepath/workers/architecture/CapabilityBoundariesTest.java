package dev.carepath.workers.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The job-workers' capability boundaries ({@link CapabilityRules}), checked on the deployable's compiled classes. */
@AnalyzeClasses(packages = CapabilityBoundariesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class CapabilityBoundariesTest {

    static final String ROOT = "dev.carepath.workers";

    @ArchTest
    static final ArchRule clinicalIsReachedOnlyThroughItsApi = CapabilityRules.clinicalIsReachedOnlyThroughItsApi(ROOT);

    @ArchTest
    static final ArchRule clinicalApiShowsNoInternals = CapabilityRules.clinicalApiShowsNoInternals(ROOT);

    @ArchTest
    static final ArchRule clinicalInternalsArePackagePrivate = CapabilityRules.clinicalInternalsArePackagePrivate(ROOT);

    @ArchTest
    static final ArchRule capabilitiesAreFreeOfCycles = CapabilityRules.capabilitiesAreFreeOfCycles(ROOT);
}
