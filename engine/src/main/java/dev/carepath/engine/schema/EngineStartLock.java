package dev.carepath.engine.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Engine nodes on one database start one after the other: a node holds this PostgreSQL session advisory lock from the
 * first step of its engine's build ({@link OperatonSchema#preInit}) until the application is ready, so everything a
 * start provisions (the schema and its grants, deployments, the admin user and the Tasklist filter Operaton's starter
 * creates, the staff and service accounts, their groups and grants) is written by one node at a time, and the next
 * finds it done. Those steps check, then create: two nodes starting together both found the group {@code pharmacists}
 * missing, and the second failed its start on Operaton's unique key of the group's authorization. A node that dies
 * while it holds the lock releases it with its session; one whose start fails releases it when its beans are
 * destroyed.
 */
final class EngineStartLock implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EngineStartLock.class);
    private static final String KEY = "SELECT %s(hashtext('carepath/engine-start'))";

    private final DataSource dataSource;
    private Connection held;

    EngineStartLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    synchronized void acquire() {
        if (held != null) {
            return;
        }
        long waitingSince = System.nanoTime();
        try {
            Connection connection = dataSource.getConnection();
            try (Statement sql = connection.createStatement()) {
                sql.execute(KEY.formatted("pg_advisory_lock"));
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            held = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the engine start lock", e);
        }
        log.info("engine start lock taken after {} ms", (System.nanoTime() - waitingSince) / 1_000_000);
    }

    synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held; Statement sql = connection.createStatement()) {
            sql.execute(KEY.formatted("pg_advisory_unlock"));
        } catch (SQLException e) {
            log.warn("could not release the engine start lock; it goes with the session: {}", e.getMessage());
        } finally {
            held = null;
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        release();
    }

    @Override
    public void destroy() {
        release();
    }
}
