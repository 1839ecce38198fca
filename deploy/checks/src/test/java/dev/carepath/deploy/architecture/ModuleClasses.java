package dev.carepath.deploy.architecture;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compiled main classes of every module of ours, as the reactor just built them ({@code <module>/target/classes},
 * generated sources included); the module's pom makes the reactor build them first. A module not built fails the
 * check instead of leaving its classes unchecked.
 */
final class ModuleClasses implements LocationProvider {

    static final List<String> MODULES = List.of("contracts", "tenancy", "eventing", "dmn", "connectors",
            "partner-simulator", "engine", "job-workers", "portal");

    @Override
    public Set<Location> get(Class<?> testClass) {
        Path root = Path.of(System.getProperty("carepath.modules.dir", "../.."));
        return MODULES.stream().map(module -> classesOf(root, module)).map(Location::of).collect(Collectors.toSet());
    }

    private static Path classesOf(Path root, String module) {
        Path classes = root.resolve(module).resolve("target/classes/dev/carepath");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(module + " is not built (" + classes + " missing): build it first, e.g."
                    + " ./mvnw -pl deploy/checks -am verify");
        }
        return classes.getParent().getParent();
    }
}
