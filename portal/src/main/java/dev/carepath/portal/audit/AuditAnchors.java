package dev.carepath.portal.audit;

import dev.carepath.tenancy.TenantScope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anchors the audit chains outside the database: reads each tenant's chain head (position and hash of its
 * newest row) and appends those that moved since their last anchor to the signed {@link AnchorLog}. The
 * chains alone cannot show that their newest rows were deleted; against an anchor they can
 * ({@link AuditTrail#verify}): fewer rows than anchored, or another hash at the anchored position.
 */
@Component
@EnableConfigurationProperties(AnchorProperties.class)
public class AuditAnchors {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AnchorLog anchorLog;

    AuditAnchors(JdbcTemplate jdbc, TransactionTemplate tx, AnchorProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.anchorLog = new AnchorLog(properties.dir(), properties.signingKey());
    }

    /** Anchors every chain whose head moved since its last anchor; returns the anchors written. */
    public List<Anchor> anchorAll() {
        Map<String, Anchor> anchored = anchorLog.read().latest();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Anchor> written = new ArrayList<>();
        for (Anchor head : heads(now)) {
            Anchor last = anchored.get(head.tenantId());
            if (last == null || last.chainSeq() != head.chainSeq() || !last.headHash().equals(head.headHash())) {
                written.add(head);
            }
        }
        anchorLog.append(written);
        if (!written.isEmpty()) {
            log.info("anchored {} audit chain heads in {}", written.size(), anchorLog.file());
        }
        return written;
    }

    /** What the anchor log holds, every line's signature checked. */
    AnchorLog.Contents anchors() {
        return anchorLog.read();
    }

    /** Where the anchor log is. */
    public String location() {
        return anchorLog.file().toString();
    }

    private List<Anchor> heads(Instant now) {
        return tx.execute(status -> {
            TenantScope.enterPurpose(jdbc, AuditTrail.READER_PURPOSE);
            return jdbc.query("SELECT DISTINCT ON (tenant_id) tenant_id, chain_seq, hash FROM audit.audit_event"
                            + " ORDER BY tenant_id, chain_seq DESC",
                    (rs, i) -> new Anchor(rs.getString("tenant_id"), rs.getLong("chain_seq"), rs.getString("hash"), now));
        });
    }
}
