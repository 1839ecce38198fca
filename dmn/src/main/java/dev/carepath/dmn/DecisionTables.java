package dev.carepath.dmn;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The decision tables this jar ships ({@code dmn/<key>.dmn} on the classpath, each file's name = its decision id)
 * and their golden cases ({@code dmn/golden/<key>.csv}).
 */
public final class DecisionTables {

    /** The tables the product ships, by decision key. */
    public static final List<String> KEYS = List.of("eligibility", "pharmacy-routing", "provider-routing", "titration");

    private DecisionTables() {
    }

    /** The shipped table {@code key}, or empty when the jar ships no such table. */
    public static Optional<DecisionTable> shipped(String key) {
        return read("dmn/" + key + ".dmn").map(DecisionTable::parse);
    }

    /** The golden cases of {@code key}, or empty when the jar ships none. */
    public static Optional<GoldenCases> goldenCases(String key) {
        return read("dmn/golden/" + key + ".csv").map(csv -> GoldenCases.parse(key, csv));
    }

    private static Optional<byte[]> read(String resource) {
        if (!resource.matches("dmn/(golden/)?[a-z][a-z0-9-]*\\.(dmn|csv)")) {
            return Optional.empty();
        }
        try (InputStream in = DecisionTables.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
