package dev.carepath.engine.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the PostgreSQL scripts Operaton ships in its engine jar, read from the classpath (never copied into this
 * repository) and run statement by statement the way Operaton runs them itself: a line ending in {@code ;} ends a
 * statement, and lines starting with {@code --} or {@code #} are comments.
 */
final class OperatonScript {

    private static final String SCRIPTS = "org/operaton/bpm/engine/db/";

    private final String resource;

    private OperatonScript(String resource) {
        this.resource = resource;
    }

    /** The script that creates one component's tables, e.g. {@code engine}, {@code history}, {@code decision.engine}. */
    static OperatonScript create(String component) {
        return new OperatonScript(SCRIPTS + "create/activiti.postgres.create." + component + ".sql");
    }

    String resource() {
        return resource;
    }

    /** The script's statements, in order, without comments or the terminating semicolons. */
    List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : text().split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--") || trimmed.startsWith("#")) {
                continue;
            }
            if (!statement.isEmpty()) {
                statement.append('\n');
            }
            if (trimmed.endsWith(";")) {
                statements.add(statement.append(trimmed, 0, trimmed.length() - 1).toString());
                statement.setLength(0);
            } else {
                statement.append(trimmed);
            }
        }
        if (!statement.toString().isBlank()) {
            throw new IllegalStateException(resource + " ends inside a statement: " + statement);
        }
        return statements;
    }

    /** Runs every statement on {@code connection}, in its current transaction. */
    void runOn(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            for (String statement : statements()) {
                sql.execute(statement);
            }
        }
    }

    private String text() {
        try (InputStream in = OperatonScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: is Operaton's engine jar?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
