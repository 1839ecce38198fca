package dev.carepath.portal.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The portal's capability boundaries ({@link CapabilityRules}), checked on the deployable's compiled classes; the
 * schema each capability owns is checked on the sources ({@link SchemaOwnershipTest}).
 */
@AnalyzeClasses(packages = CapabilityBoundariesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class CapabilityBoundariesTest {

    static final String ROOT = "dev.carepath.portal";

    /** The types a capability offers the others, relative to {@link #ROOT}. */
    static final Set<String> PUBLIC_API = Set.of(
            "journeys.Journeys",
            "journeys.JourneyView",
            "journeys.UsStates",
            "clinical.Prescriptions",
            "decisions.WhatIfEvaluations",
            "journeys.JourneyStarts",
            "journeys.JourneyListing",
            "readmodel.JourneySearch",
            "journeys.StartJourneyRequest",
            "clinical.Intakes",
            "clinical.IntakeAnswers",
            "readmodel.JourneyReadModel",
            "readmodel.JourneyProgress",
            "readmodel.ReadModelRebuild",
            "audit.AuditTrail",
            "audit.ChainVerification",
            "audit.AuditAnchors",
            "audit.AuditReport",
            "audit.Anchor",
            "web.Problems",
            "tenants.Tenants",
            "tenants.MachineClients",
            "security.Agents",
            "callbacks.Deliveries",
            // The staff console's services: the admin API's, made public for it (no second implementation).
            "callbacks.WebhookSecrets",
            "tenants.TenantRequest",
            "admin.DeadLetterQueues",
            "admin.DeadLetter",
            "admin.AdminProperties");

    @ArchTest
    static final ArchRule capabilitiesUseEachOtherOnlyThroughTheirPublicApi =
            CapabilityRules.capabilitiesUseEachOtherOnlyThroughTheirPublicApi(ROOT, PUBLIC_API);

    @ArchTest
    static final ArchRule capabilitiesAreFreeOfCycles = CapabilityRules.capabilitiesAreFreeOfCycles(ROOT);
}
