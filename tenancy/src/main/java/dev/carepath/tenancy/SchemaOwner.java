package dev.carepath.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Who runs a deployable's migrations, and for whom. With the owner's login configured
 * ({@code carepath.events.migration.*}), migrations run as that owner on the application's database and grant the
 * application role, the data source's own login, what it needs; with none, they run as the data source's login.
 *
 * @param dataSource      connections as the migrating login
 * @param name            the migrating login: the schemas' owner
 * @param applicationRole the deployable's runtime login (its data source's user)
 */
public record SchemaOwner(DataSource dataSource, String name, String applicationRole) {

    /**
     * The schema owner's login ({@code carepath.events.migration.*}). The deployable then runs as its data source's
     * login, the application role, which row-level security holds to one tenant per transaction.
     *
     * @param username the owner role, e.g. {@code carepath_portal}
     * @param password its password (from the environment outside a developer machine)
     */
    public record Login(String username, String password) {
    }

    /** The owner of {@code application}'s schemas, per {@code owner} (unset: the application's own login). */
    public static SchemaOwner of(DataSource application, Login owner) {
        String url;
        String applicationRole;
        try (Connection connection = application.getConnection()) {
            url = connection.getMetaData().getURL();
            applicationRole = connection.getMetaData().getUserName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it", e);
        }
        if (owner == null || owner.username() == null || owner.username().isBlank()) {
            return new SchemaOwner(application, applicationRole, applicationRole);
        }
        return new SchemaOwner(new DriverManagerDataSource(url, owner.username(), owner.password()), owner.username(),
                applicationRole);
    }

    /** Whether the owner is a login of its own, so the migrations must grant the application role its privileges. */
    public boolean separate() {
        return !name.equals(applicationRole);
    }

    /**
     * Runs {@code migration} of {@code schema} while this owner holds a PostgreSQL session advisory lock named after
     * the schema, so that deployables of one kind starting together (two engine nodes, three job-workers on one
     * database) migrate it one after the other. Flyway locks its own history only while it applies migrations; the
     * grants its after-migrate callbacks then make ({@code GRANT}/{@code REVOKE} on the same tables) would run side by
     * side, and PostgreSQL refuses concurrent updates of one object's privileges ("tuple concurrently updated"). A
     * node that dies while it holds the lock releases it with its session.
     */
    public <T> T exclusively(String schema, Supplier<T> migration) {
        String key = "carepath/migrate/" + SchemaNames.checked(schema);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                lock.setString(1, key);
                lock.execute();
            }
            try {
                return migration.get();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                    unlock.setString(1, key);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock schema " + schema + " to migrate it", e);
        }
    }
}
