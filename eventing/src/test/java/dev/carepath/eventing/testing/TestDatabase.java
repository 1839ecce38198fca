package dev.carepath.eventing.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The tests' own view of the database: the same database as the deployable's data source, as the local
 * PostgreSQL superuser ({@code CAREPATH_PGADMIN}, default {@code postgres}; trust authentication on a
 * developer machine). It sees past row-level security, so a test can check what was stored for any
 * tenant, and seed rows the application role could not.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static JdbcTemplate superuser(DataSource application) {
        String url;
        try (Connection connection = application.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the data source's URL", e);
        }
        String admin = System.getenv().getOrDefault("CAREPATH_PGADMIN", "postgres");
        return new JdbcTemplate(new DriverManagerDataSource(url, admin, ""));
    }

    /** Like {@link #superuser}, on one connection kept open: for a single-threaded run of many queries. */
    public static JdbcTemplate superuserSession(DataSource application) {
        JdbcTemplate superuser = superuser(application);
        var session = (DriverManagerDataSource) superuser.getDataSource();
        return new JdbcTemplate(new SingleConnectionDataSource(session.getUrl(), session.getUsername(), "", true));
    }

    /** The login of the application's data source. */
    public static String applicationRole(DataSource application) {
        try (Connection connection = application.getConnection()) {
            return connection.getMetaData().getUserName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the data source's user", e);
        }
    }
}
