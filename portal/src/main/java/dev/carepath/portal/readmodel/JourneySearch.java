package dev.carepath.portal.readmodel;

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

    /** One journey as the list shows it. */
    public record Summary(UUID journeyId, String therapy, String stateCode, int cycle, String status,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        public Position position() {
            return new Position(createdAt, journeyId);
        }
    }

    /** A page, and where the next one starts (empty on the last page). */
    public record Page(List<Summary> items, Optional<Position> next) {
    }

    private final JdbcTemplate jdbc;

    JourneySearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of {@code tenantId}'s journeys matching {@code criteria}. */
    public Page search(String tenantId, Criteria criteria) {
        if (criteria.journeyIds() != null && criteria.journeyIds().isEmpty()) {
            return new Page(List.of(), Optional.empty());
        }
        StringBuilder sql = new StringBuilder("SELECT journey_id, therapy, state_code, coalesce(cycle, 1) AS cycle,"
                + " status, created_at, updated_at FROM read.journey WHERE tenant_id = ? AND created_at IS NOT NULL");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (criteria.status() != null) {
            sql.append(" AND status = ?");
            args.add(criteria.status());
        }
        if (criteria.therapy() != null) {
            sql.append(" AND therapy = ?");
            args.add(criteria.therapy());
        }
        if (criteria.stateCode() != null) {
            sql.append(" AND state_code = ?");
            args.add(criteria.stateCode());
        }
        if (criteria.journeyIds() != null) {
            sql.append(" AND journey_id = ANY (?)");
            args.add(criteria.journeyIds().toArray(UUID[]::new));
        }
        if (criteria.createdAfter() != null) {
            sql.append(" AND created_at >= ?");
            args.add(criteria.createdAfter());
        }
        if (criteria.createdBefore() != null) {
            sql.append(" AND created_at < ?");
            args.add(criteria.createdBefore());
        }
        if (criteria.after() != null) {
            sql.append(" AND (created_at, journey_id) < (?, ?)");
            args.add(criteria.after().createdAt());
            args.add(criteria.after().journeyId());
        }
        sql.append(" ORDER BY created_at DESC, journey_id DESC LIMIT ?");
        args.add(criteria.limit() + 1);
        List<Summary> rows = jdbc.query(sql.toString(), (rs, i) -> new Summary(rs.getObject("journey_id", UUID.class),
                rs.getString("therapy"), rs.getString("state_code"), rs.getInt("cycle"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class)),
                args.toArray());
        if (rows.size() <= criteria.limit()) {
            return new Page(rows, Optional.empty());
        }
        List<Summary> page = List.copyOf(rows.subList(0, criteria.limit()));
        return new Page(page, Optional.of(page.get(page.size() - 1).position()));
    }
}
