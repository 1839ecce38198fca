package dev.carepath.engine.architecture;

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
 * Each rule of {@link PackageBoundariesTest}, evaluated on the planted package tree ({@code planted}), reports the
 * class planted to break it and none of the lawful ones: a rule that could not fail would pass silently.
 */
class PlantedViolationsTest {

    private static final String PLANTED = "dev.carepath.engine.architecture.planted";
    /** The planted tree, and its classes that keep every rule. */
    private static final PlantedViolations PLANTED_TREE = new PlantedViolations(PLANTED, List.of(
            "web.JourneyEndpoint"));

    /** Each rule (by its field in {@link PackageBoundariesTest}) on the planted tree, and the class breaking it. */
    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("packagesAreFreeOfCycles",
                        PackageRules.packagesAreFreeOfCycles(PLANTED), "journey.JourneyThatOrchestrates"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleReportsItsPlantedViolationAndNoLawfulClass(String name, ArchRule rule, String violator) {
        PLANTED_TREE.assertReportsOnlyItsViolator(name, rule, violator);
    }

    @Test
    void everyRuleOfTheDeployableHasAPlantedViolation() {
        PlantedViolations.assertEveryRuleOf(PackageBoundariesTest.class, rules());
    }
}
