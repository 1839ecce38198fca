package dev.carepath.dmn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The tables as this module's build puts them on the classpath ({@code dmn/*.dmn}), found by listing the folder. */
final class ShippedTables {

    private ShippedTables() {
    }

    /** Every {@code dmn/*.dmn} on the classpath, by file name without the extension. */
    static List<String> fileKeys() {
        URL dir = ShippedTables.class.getResource("/dmn");
        if (dir == null) {
            throw new IllegalStateException("no dmn/ folder on the classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".dmn"))
                .map(name -> name.substring(0, name.length() - ".dmn".length()))
                .sorted()
                .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream open(String fileKey) {
        InputStream in = ShippedTables.class.getResourceAsStream("/dmn/" + fileKey + ".dmn");
        if (in == null) {
            throw new IllegalStateException("no dmn/" + fileKey + ".dmn on the classpath");
        }
        return in;
    }

    static DecisionTable read(String fileKey) {
        return DecisionTables.shipped(fileKey)
            .orElseThrow(() -> new IllegalStateException("no dmn/" + fileKey + ".dmn on the classpath"));
    }
}
