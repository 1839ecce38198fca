package dev.carepath.portal.readmodel;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Queries on the journey read model. */
@Component
public class JourneyReadModel {

    private final JdbcTemplate jdbc;

    JourneyReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The journey's progress, or empty when no event of it has been projected yet. */
    public Optional<JourneyProgress> progressOf(UUID journeyId) {
        List<JourneyProgress> found = jdbc.query("SELECT * FROM read.journey WHERE journey_id = ?",
                (rs, i) -> {
                    Map<String, String> partners = new LinkedHashMap<>();
                    for (JourneyProjection.PartnerId partner : JourneyProjection.PARTNER_IDS) {
                        String value = rs.getString(partner.column());
                        if (value != null) {
                            partners.put(partner.key(), value);
                        }
                    }
                    // The status's cycle, else the latest an event named (the journey list shows the same).
                    Integer cycle = rs.getObject("status_cycle", Integer.class);
                    return new JourneyProgress(rs.getString("status"),
                            cycle != null ? cycle : rs.getObject("cycle", Integer.class),
                            rs.getObject("updated_at", OffsetDateTime.class),
                            Collections.unmodifiableMap(partners), List.of());
                },
                journeyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<JourneyProgress.Step> timeline = jdbc.query(
                "SELECT event_type, occurred_at FROM read.journey_step WHERE journey_id = ?"
                        + " ORDER BY occurred_at, id",
                (rs, i) -> new JourneyProgress.Step(rs.getString(1), rs.getObject(2, OffsetDateTime.class)),
                journeyId);
        JourneyProgress journey = found.get(0);
        return Optional.of(new JourneyProgress(journey.status(), journey.cycle(), journey.updatedAt(),
                journey.partners(), timeline));
    }

    /**
     * Whether the journey has reached a terminal status ({@code journey.ended}, {@code payment.declined}):
     * nothing runs for it any more. False while the read model has not seen such an event.
     */
    public boolean hasEnded(UUID journeyId) {
        return jdbc.queryForList("SELECT status_rank >= ? FROM read.journey WHERE journey_id = ?", Boolean.class,
                JourneyStatus.TERMINAL, journeyId).stream().anyMatch(Boolean.TRUE::equals);
    }
}
