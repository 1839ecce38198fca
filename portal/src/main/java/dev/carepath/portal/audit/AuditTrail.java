package dev.carepath.portal.audit;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit store: appends events to their tenant's hash chain, verifies chains (against their latest
 * anchors, {@link AuditAnchors}) and replays the stored events in the order they were recorded.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final int PAGE = 500;

    private static final RowMapper<ChainRow> ROW = (rs, i) -> new ChainRow(rs.getLong("id"), new ChainLink(
            rs.getString("tenant_id"), rs.getLong("chain_seq"), rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("envelope"),
            rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("prev_hash")), rs.getString("hash"));

    /**
     * The cross-tenant purpose under which verification and replay read every tenant's chain; the
     * audit store's policy admits it to SELECT only (docs/adr/0006-tenancy-and-row-level-security.md).
     */
    public static final String READER_PURPOSE = "audit-reader";

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final TransactionTemplate tx;
    private final AuditAnchors anchors;

    AuditTrail(JdbcTemplate jdbc, EventCodec codec, TransactionTemplate tx, AuditAnchors anchors) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.tx = tx;
        this.anchors = anchors;
    }

    /** Runs {@code reading} in the caller's transaction, or a new one, declared as an audit reader. */
    private <T> T readingAll(Supplier<T> reading) {
        return tx.execute(status -> {
            TenantScope.enterPurpose(jdbc, READER_PURPOSE);
            return reading.get();
        });
    }

    private record ChainRow(long id, ChainLink link, String hash) {
    }

    /**
     * Appends {@code event} to its tenant's chain, in the caller's transaction. Appends of one tenant
     * are serialised (transaction-level advisory lock), so the chain never forks.
     *
     * @return false when the event is stored already
     */
    boolean record(DomainEvent event) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))", Object.class, "audit/" + event.tenantId());
        List<ChainRow> last = jdbc.query("SELECT * FROM audit.audit_event WHERE tenant_id = ?"
                + " ORDER BY chain_seq DESC LIMIT 1", ROW, event.tenantId());
        ChainLink link = new ChainLink(event.tenantId(), last.isEmpty() ? 1 : last.get(0).link().chainSeq() + 1,
                event.id(), event.type(), new String(codec.encode(event), StandardCharsets.UTF_8),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                last.isEmpty() ? ChainLink.GENESIS : last.get(0).hash());
        int inserted = jdbc.update("INSERT INTO audit.audit_event (tenant_id, chain_seq, event_id, event_type,"
                        + " envelope, recorded_at, prev_hash, hash) VALUES (?, ?, ?::uuid, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING",
                link.tenantId(), link.chainSeq(), link.eventId(), link.eventType(), link.envelope(),
                link.recordedAt(), link.prevHash(), link.hash());
        return inserted == 1;
    }

    /** The tenants that have an audit chain. */
    public List<String> tenants() {
        return readingAll(() -> jdbc.queryForList("SELECT DISTINCT tenant_id FROM audit.audit_event ORDER BY tenant_id",
                String.class));
    }

    /** How many events of {@code tenantId} the store holds. */
    public long size(String tenantId) {
        Long count = readingAll(() -> jdbc.queryForObject("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?",
                Long.class, tenantId));
        return count == null ? 0 : count;
    }

    /**
     * Walks {@code tenantId}'s chain from its start and reports the first row whose content does not
     * match its hash, whose previous hash is not the hash of the row before, or whose position does not
     * follow the one before (a row removed); then compares the chain with the tenant's latest anchor
     * ({@link AuditAnchors}): another hash at the anchored position, or fewer rows than anchored (the
     * newest rows deleted), is a broken link too.
     */
    public ChainVerification verify(String tenantId) {
        Anchor anchor = anchors.anchors().latest().get(tenantId);
        return readingAll(() -> walk(tenantId, anchor));
    }

    /**
     * Verifies one tenant's chain ({@code tenantId} given) or every chain, the database's and the anchored
     * ones (a tenant whose rows were all deleted has an anchor still), and checks the anchor log.
     */
    public AuditReport report(String tenantId) {
        AnchorLog.Contents log = anchors.anchors();
        List<ChainVerification> chains = new ArrayList<>();
        if (tenantId != null) {
            chains.add(readingAll(() -> walk(tenantId, log.latest().get(tenantId))));
        } else {
            java.util.SortedSet<String> tenants = new java.util.TreeSet<>(tenants());
            tenants.addAll(log.latest().keySet());
            for (String tenant : tenants) {
                chains.add(readingAll(() -> walk(tenant, log.latest().get(tenant))));
            }
        }
        boolean intact = log.refused() == 0 && chains.stream().allMatch(ChainVerification::intact);
        return new AuditReport(intact, chains, new AuditReport.Anchors(anchors.location(), log.valid(), log.refused()));
    }

    private ChainVerification walk(String tenantId, Anchor anchor) {
        long checked = 0;
        long expectedSeq = 1;
        String expectedPrev = ChainLink.GENESIS;
        long afterSeq = 0;
        while (true) {
            List<ChainRow> page = jdbc.query("SELECT * FROM audit.audit_event WHERE tenant_id = ? AND chain_seq > ?"
                    + " ORDER BY chain_seq LIMIT ?", ROW, tenantId, afterSeq, PAGE);
            for (ChainRow row : page) {
                checked++;
                ChainLink link = row.link();
                String reason = null;
                if (link.chainSeq() != expectedSeq) {
                    reason = "position " + expectedSeq + " is missing";
                } else if (!link.prevHash().equals(expectedPrev)) {
                    reason = "previous hash does not match the row before";
                } else if (!link.hash().equals(row.hash())) {
                    reason = "content does not match its hash";
                } else if (anchor != null && link.chainSeq() == anchor.chainSeq()
                        && !row.hash().equals(anchor.headHash())) {
                    reason = "hash differs from the anchor of " + anchor.anchoredAt();
                }
                if (reason != null) {
                    log.warn("audit chain of tenant {} broken at position {}: {}", tenantId, link.chainSeq(), reason);
                    return new ChainVerification(tenantId, checked,
                            new ChainVerification.BrokenLink(link.chainSeq(), link.eventId(), reason), anchoredRows(anchor));
                }
                expectedSeq++;
                expectedPrev = row.hash();
                afterSeq = link.chainSeq();
            }
            if (page.size() < PAGE) {
                if (anchor != null && afterSeq < anchor.chainSeq()) {
                    String reason = "rows deleted after anchor: the chain ends at position " + afterSeq
                            + ", the anchor of " + anchor.anchoredAt() + " holds " + anchor.chainSeq();
                    log.warn("audit chain of tenant {} broken: {}", tenantId, reason);
                    return new ChainVerification(tenantId, checked,
                            new ChainVerification.BrokenLink(afterSeq + 1, null, reason), anchor.chainSeq());
                }
                return new ChainVerification(tenantId, checked, null, anchoredRows(anchor));
            }
        }
    }

    /**
     * The stored events of {@code tenantId}'s journey {@code journeyId} (data {@code orderId}) of the given types, in
     * the order the store recorded them: staff's view of a journey's money lines in the console. Reads as an audit
     * reader (SELECT only).
     */
    public List<DomainEvent> journeyEvents(String tenantId, UUID journeyId, Collection<String> types) {
        return readingAll(() -> jdbc.query("SELECT envelope FROM audit.audit_event WHERE tenant_id = ?"
                        + " AND event_type = ANY (?) AND envelope::jsonb -> 'data' ->> 'orderId' = ? ORDER BY chain_seq",
                (rs, i) -> codec.decode(rs.getString(1).getBytes(StandardCharsets.UTF_8)), tenantId,
                types.toArray(String[]::new), journeyId.toString()));
    }

    /** Verifies every tenant's chain, the anchored ones included. */
    public List<ChainVerification> verifyAll() {
        return report(null).chains();
    }

    private static Long anchoredRows(Anchor anchor) {
        return anchor == null ? null : anchor.chainSeq();
    }

    /**
     * Hands every stored event to {@code sink}, in the order the store recorded them; returns how many.
     * Runs in the caller's transaction if there is one, which from then on reads as an audit reader.
     */
    public long replay(Consumer<DomainEvent> sink) {
        Long count = readingAll(() -> replayAll(sink));
        return count == null ? 0 : count;
    }

    private long replayAll(Consumer<DomainEvent> sink) {
        long replayed = 0;
        long afterId = 0;
        while (true) {
            List<ChainRow> page = jdbc.query("SELECT * FROM audit.audit_event WHERE id > ? ORDER BY id LIMIT ?",
                    ROW, afterId, PAGE);
            for (ChainRow row : page) {
                sink.accept(codec.decode(row.link().envelope().getBytes(StandardCharsets.UTF_8)));
                afterId = row.id();
                replayed++;
            }
            if (page.size() < PAGE) {
                return replayed;
            }
        }
    }
}
