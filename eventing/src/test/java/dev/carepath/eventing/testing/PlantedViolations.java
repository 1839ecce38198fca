package dev.carepath.eventing.testing;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.provider.Arguments;

/**
 * A tree of planted classes that the architecture rules of a module ({@code architecture/} in its tests,
 * {@code deploy/checks} between modules) are proven on: each rule must report the class planted to break it and none
 * of the lawful ones, for a rule that could not fail would pass silently. A module's {@code PlantedViolationsTest}
 * lists its rules with their violators and asks this for the verdicts.
 */
public final class PlantedViolations {

    private final String base;
    private final List<String> lawful;
    private final JavaClasses classes;

    /**
     * @param base   the planted tree's package
     * @param lawful the planted classes that keep every rule, named from {@code base} (e.g. {@code web.JourneyEndpoint})
     */
    public PlantedViolations(String base, List<String> lawful) {
        this.base = base;
        this.lawful = List.copyOf(lawful);
        this.classes = new ClassFileImporter().importPackages(base);
    }

    /** {@code rule} ({@code name}), evaluated on the planted tree, reports {@code violator} and no lawful class. */
    public void assertReportsOnlyItsViolator(String name, ArchRule rule, String violator) {
        EvaluationResult result = rule.evaluate(classes);

        assertThat(result.hasViolation()).as(name).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).as(name).anyMatch(detail -> isAbout(detail, violator));
        lawful.forEach(planted -> assertThat(details).as(name).noneMatch(detail -> isAbout(detail, planted)));
    }

    /**
     * The rules proven here ({@code rules}: arguments whose first is the rule's name) are exactly the
     * {@link ArchTest} fields of {@code checks}, the test that holds the module's classes to them.
     */
    public static void assertEveryRuleOf(Class<?> checks, Stream<Arguments> rules) {
        Set<String> checked = Arrays.stream(checks.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class)).map(Field::getName).collect(toSet());

        assertThat(rules.map(arguments -> (String) arguments.get()[0])).containsExactlyInAnyOrderElementsOf(checked);
    }

    /**
     * Whether a violation's detail is about the planted class: ArchUnit names the violating class or member first on
     * each line ({@code Method <a.B.m()> calls method <c.D.n()>}), so the target of a dependency does not count.
     */
    private boolean isAbout(String detail, String plantedClass) {
        String name = base + "." + plantedClass;
        return detail.lines().filter(line -> line.contains("<") && line.contains(">"))
                .map(line -> line.substring(line.indexOf('<') + 1, line.indexOf('>', line.indexOf('<'))))
                .anyMatch(origin -> origin.equals(name) || origin.startsWith(name + ".") || origin.startsWith(name + "$"));
    }
}
