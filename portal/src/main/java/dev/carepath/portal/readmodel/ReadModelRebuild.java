package dev.carepath.portal.readmodel;

import dev.carepath.eventing.ProcessedEvents;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the read models from the event log: in one transaction, empties them (and the read model
 * consumer's record of processed events) and replays every event of the audit store through the same
 * projection the live consumer uses. The live consumer waits meanwhile (the tables are locked) and
 * then carries on; events it applies later are deduplicated against the replay's claims.
 */
@Component
public class ReadModelRebuild {

    /**
     * The cross-tenant purpose under which a rebuild empties every tenant's read model rows (the read
     * schema's policy admits it to DELETE only; docs/adr/0006-tenancy-and-row-level-security.md).
     */
    public static final String PURPOSE = "read-model-rebuild";

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail trail;
    private final ProcessedEvents processed;
    private final JourneyProjection projection;

    ReadModelRebuild(JdbcTemplate jdbc, TransactionTemplate tx, AuditTrail trail, ProcessedEvents processed,
            JourneyProjection projection) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.trail = trail;
        this.processed = processed;
        this.projection = projection;
    }

    /** How many events were replayed. */
    public long rebuild() {
        long started = System.nanoTime();
        Long replayed = tx.execute(status -> {
            TenantScope.enterPurpose(jdbc, PURPOSE);
            jdbc.execute("LOCK TABLE read.processed_event, read.journey, read.journey_step IN EXCLUSIVE MODE");
            jdbc.update("DELETE FROM read.processed_event WHERE consumer = ?", ReadModelConsumer.CONSUMER);
            jdbc.update("DELETE FROM read.journey_step");
            jdbc.update("DELETE FROM read.journey");
            return trail.replay(event -> {
                TenantScope.enter(jdbc, event.tenantId());
                if (processed.claim(ReadModelConsumer.SCHEMA, ReadModelConsumer.CONSUMER, event)) {
                    projection.apply(event);
                }
            });
        });
        long events = replayed == null ? 0 : replayed;
        log.info("read models rebuilt from {} events in {} ms", events, (System.nanoTime() - started) / 1_000_000);
        return events;
    }
}
