package dev.carepath.portal.readmodel;

import dev.carepath.tenancy.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journey list: one tenant's journeys from the read model, filtered, newest first ({@code created_at}, the
 * {@code order.created} event's time, then the journey id), a page at a time by keyset: a page starts strictly after
 * the last row of the one before, so journeys created meanwhile (newer) never shift or repeat what follows. Only
 * journeys whose {@code order.created} has been projected are listed. Call it inside the tenant's transaction
 * ({@code TenantTransactions.call}): row-level security holds the query to that tenant too.
 */
@Component
public class JourneySearch {

    /** Where a page ends: the last row's creation time and journey id. */
    public record Position(OffsetDateTime createdAt, UUID journeyId) {
    }

    /**
     * What to list; every filter is optional ({@code null}: no filter).
     *
     * @param journeyIds    only these journeys (the journeys capability resolves a patient reference to them);
     *                      empty: none
     * @param createdAfter  created at or after
     * @param createdBefore created strictly before
     * @param limit         rows per page, at least 1
     * @param after         the end of the previous page, or {@code null} for the first page
     */
    public record Criteria(String status, String therapy, String stateCode, Collection<UUID> journeyIds,
            OffsetDateTime createdAfter, OffsetDateTime createdBefore, int limit, Position after) {
    }

    /**
     * What staff look for across tenants (the console); every filter is optional ({@code null}: no filter).
     *
     * @param tenantId  one tenant's journeys only
     * @param journeyId the journey (= order) id
     * @param partnerId a partner's id of the journey: its charge, visit, Rx or shipment tracking number
     */
    public record StaffCriteria(String tenantId, String status, String therapy, String stateCode, UUID journeyId,
            String partnerId, OffsetDateTime createdAfter, OffsetDateTime createdBefore, int limit, Position after) {
    }

    /**
     * The purpose a staff transaction declares to read every tenant's journeys (policies of db/read V17_1, SELECT
     * only).
     */
    public static final String STAFF_PURPOSE = "staff-console";

    /** One journey as the list shows it. */
    public record Summary(UUID journeyId, String therapy, String stateCode, int cycle, String status,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, String tenantId) {

        public Position position() {
            return new Position(createdAt, journeyId);
        }
    }

    /** A page, and where the next one starts (empty on the last page). */
    public record Page(List<Summary> items, Optional<Position> next) {
    }

    private static final String COLUMNS = "SELECT journey_id, therapy, state_code, coalesce(status_cycle, cycle, 1) AS cycle,"
            + " status, created_at, updated_at, tenant_id FROM read.journey";

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;

    JourneySearch(JdbcTemplate jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * One page of every tenant's journeys matching {@code criteria}, newest first, for staff: runs in a transaction
     * of its own that declares {@link #STAFF_PURPOSE}.
     */
    public Page searchAcrossTenants(StaffCriteria criteria) {
        StringBuilder sql = new StringBuilder(COLUMNS + " WHERE created_at IS NOT NULL");
        List<Object> args = new ArrayList<>();
        if (criteria.tenantId() != null) {
            sql.append(" AND tenant_id = ?");
            args.add(criteria.tenantId());
        }
        if (criteria.journeyId() != null) {
            sql.append(" AND journey_id = ?");
            args.add(criteria.journeyId());
        }
        if (criteria.partnerId() != null) {
            sql.append(" AND (charge_id = ? OR visit_id = ? OR rx_id = ? OR tracking_number = ?)");
            args.addAll(List.of(criteria.partnerId(), criteria.partnerId(), criteria.partnerId(), criteria.partnerId()));
        }
        return transactions.acrossTenants(STAFF_PURPOSE, () -> page(sql, args, criteria.status(), criteria.therapy(),
                criteria.stateCode(), criteria.createdAfter(), criteria.createdBefore(), criteria.after(),
                criteria.limit()));
    }

    /** The statuses the read model gives journeys, the usual ends included (a search may name any other end). */
    public static List<String> knownStatuses() {
        return JourneyStatus.names();
    }

    /** The tenant a journey belongs to, for staff (any tenant); empty when the read model has no such journey. */
    public Optional<String> tenantOf(UUID journeyId) {
        return transactions.acrossTenants(STAFF_PURPOSE, () -> jdbc.queryForList(
                "SELECT tenant_id FROM read.journey WHERE journey_id = ?", String.class, journeyId).stream().findFirst());
    }

    /** One page of {@code tenantId}'s journeys matching {@code criteria}. */
    public Page search(String tenantId, Criteria criteria) {
        if (criteria.journeyIds() != null && criteria.journeyIds().isEmpty()) {
            return new Page(List.of(), Optional.empty());
        }
        StringBuilder sql = new StringBuilder(COLUMNS + " WHERE tenant_id = ? AND created_at IS NOT NULL");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (criteria.journeyIds() != null) {
            sql.append(" AND journey_id = ANY (?)");
            args.add(criteria.journeyIds().toArray(UUID[]::new));
        }
        return page(sql, args, criteria.status(), criteria.therapy(), criteria.stateCode(), criteria.createdAfter(),
                criteria.createdBefore(), criteria.after(), criteria.limit());
    }

    /** The filters both searches share, the keyset and the page. */
    private Page page(StringBuilder sql, List<Object> args, String status, String therapy, String stateCode,
            OffsetDateTime createdAfter, OffsetDateTime createdBefore, Position after, int limit) {
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (therapy != null) {
            sql.append(" AND therapy = ?");
            args.add(therapy);
        }
        if (stateCode != null) {
            sql.append(" AND state_code = ?");
            args.add(stateCode);
        }
        if (createdAfter != null) {
            sql.append(" AND created_at >= ?");
            args.add(createdAfter);
        }
        if (createdBefore != null) {
            sql.append(" AND created_at < ?");
            args.add(createdBefore);
        }
        if (after != null) {
            sql.append(" AND (created_at, journey_id) < (?, ?)");
            args.add(after.createdAt());
            args.add(after.journeyId());
        }
        sql.append(" ORDER BY created_at DESC, journey_id DESC LIMIT ?");
        args.add(limit + 1);
        List<Summary> rows = jdbc.query(sql.toString(), (rs, i) -> new Summary(rs.getObject("journey_id", UUID.class),
                rs.getString("therapy"), rs.getString("state_code"), rs.getInt("cycle"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getString("tenant_id")), args.toArray());
        if (rows.size() <= limit) {
            return new Page(rows, Optional.empty());
        }
        List<Summary> page = List.copyOf(rows.subList(0, limit));
        return new Page(page, Optional.of(page.get(page.size() - 1).position()));
    }
}
