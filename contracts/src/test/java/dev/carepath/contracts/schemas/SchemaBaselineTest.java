package dev.carepath.contracts.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The working tree's event schemas against the released ones ({@code src/test/resources/schema-baseline}):
 * within a major version every change must be additive.
 */
class SchemaBaselineTest {

    private static final Path BASELINE = Path.of("src/test/resources/schema-baseline/events");
    private static final Path CURRENT = Path.of("src/main/resources/schemas/events");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyReleasedSchemaStillExistsAndChangedOnlyAdditively() throws IOException {
        List<Path> released;
        try (Stream<Path> files = Files.walk(BASELINE)) {
            released = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(released).hasSizeGreaterThanOrEqualTo(17);
        List<String> breaking = new ArrayList<>();
        for (Path baseline : released) {
            Path relative = BASELINE.relativize(baseline);
            Path current = CURRENT.resolve(relative);
            if (!Files.exists(current)) {
                breaking.add(relative + ": schema removed");
                continue;
            }
            SchemaCompatibility.breakingChanges(json.readTree(baseline.toFile()), json.readTree(current.toFile()))
                    .forEach(change -> breaking.add(relative + " " + change));
        }
        assertThat(breaking).as("breaking changes within a major version").isEmpty();
    }

    /** A type is released with its first schema: every schema of the working tree has its released copy. */
    @Test
    void everySchemaOfTheWorkingTreeHasAReleasedCopy() throws IOException {
        List<String> unreleased;
        try (Stream<Path> files = Files.walk(CURRENT)) {
            unreleased = files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> CURRENT.relativize(f))
                    .filter(relative -> !Files.exists(BASELINE.resolve(relative)))
                    .map(Path::toString).sorted().toList();
        }
        assertThat(unreleased).as("schemas without a copy under schema-baseline").isEmpty();
    }
}
