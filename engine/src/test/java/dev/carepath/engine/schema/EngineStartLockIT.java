package dev.carepath.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two engine nodes starting on one database: the second waits in PostgreSQL for the first's start lock and goes on
 * once the first is ready, on the test database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineStartLockIT {

    @Autowired DataSource dataSource;

    @Test
    void aSecondNodeStartsOnlyOnceTheFirstIsReady() {
        var first = new EngineStartLock(dataSource);
        var second = new EngineStartLock(dataSource);
        first.acquire();
        CompletableFuture<Void> secondStart;
        try {
            secondStart = CompletableFuture.runAsync(second::acquire);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAnAdvisoryLock() > 0);
            assertThat(secondStart).as("the second node waits while the first starts").isNotDone();
        } finally {
            first.release();
        }
        await().atMost(Duration.ofSeconds(30)).until(secondStart::isDone);
        assertThat(secondStart).isCompleted();
        second.release();
        assertThat(waitingForAnAdvisoryLock()).isZero();
        first.acquire(); // free again
        first.release();
    }

    private int waitingForAnAdvisoryLock() {
        return new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                Integer.class);
    }
}
