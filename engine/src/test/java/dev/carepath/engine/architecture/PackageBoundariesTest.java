package dev.carepath.engine.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine's package boundaries ({@link PackageRules}), checked on the deployable's compiled classes. */
@AnalyzeClasses(packages = PackageBoundariesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {

    static final String ROOT = "dev.carepath.engine";

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = PackageRules.packagesAreFreeOfCycles(ROOT);
}
