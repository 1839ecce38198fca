package dev.carepath.portal.readmodel;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.CycleEvent;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.OrderCreated;
import dev.carepath.contracts.events.data.OrderEvent;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Applies one event to the read model, inside the consumer's transaction (see
 * {@code EventInbox}): upserts the journey row and appends the event to the journey's timeline.
 */
@Component
class JourneyProjection {

    private static final Logger log = LoggerFactory.getLogger(JourneyProjection.class);

    /** The partner ids the journey shows: the name the API shows each by, its read.journey column, its value. */
    static final List<PartnerId> PARTNER_IDS = List.of(
            new PartnerId("processor", "processor", PartnerIds::processor),
            new PartnerId("chargeId", "charge_id", PartnerIds::chargeId),
            new PartnerId("providerNetwork", "provider_network", PartnerIds::providerNetwork),
            new PartnerId("visitId", "visit_id", PartnerIds::visitId),
            new PartnerId("rxId", "rx_id", PartnerIds::rxId),
            new PartnerId("pharmacy", "pharmacy", PartnerIds::pharmacy),
            new PartnerId("trackingNumber", "tracking_number", PartnerIds::trackingNumber));

    record PartnerId(String key, String column, Function<PartnerIds, String> value) {
    }

    private static final String INSERT = buildInsert();
    private static final String MERGE = buildMerge();

    private final JdbcTemplate jdbc;

    JourneyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void apply(DomainEvent event) {
        Optional<UUID> journeyId = journeyIdOf(event);
        if (journeyId.isEmpty()) {
            log.debug("{} {} concerns no journey; not projected", event.type(), event.id());
            return;
        }
        MDC.put("journeyId", journeyId.get().toString());
        try {
            JourneyStatus status = JourneyStatus.of(event).orElse(JourneyStatus.NONE);
            EventData data = EventCatalog.find(event).orElse(null);
            OrderCreated created = data instanceof OrderCreated order ? order : null;
            PartnerIds partnerIds = PartnerIds.of(data);
            List<Object> args = new ArrayList<>(List.of(journeyId.get(), event.tenantId(), status.name(),
                    status.rank(), event.time(), event.time()));
            // What the list shows and filters on: the order's facts from order.created, the latest cycle from any.
            args.add(new SqlParameterValue(Types.VARCHAR, created != null ? created.therapy() : null));
            args.add(new SqlParameterValue(Types.VARCHAR, created != null ? created.stateCode() : null));
            args.add(new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, created != null ? event.time() : null));
            args.add(new SqlParameterValue(Types.INTEGER, cycleOf(data)));
            PARTNER_IDS.forEach(partner ->
                    args.add(new SqlParameterValue(Types.VARCHAR, partner.value().apply(partnerIds))));
            // The cycle the status belongs to; none for an event that carries no status.
            args.add(new SqlParameterValue(Types.INTEGER, status.rank() < 0 ? null : cycleOf(data)));
            // Insert, else merge into the tenant's row. Not one INSERT ... ON CONFLICT DO UPDATE: when the journey
            // id is another tenant's, row-level security makes that statement fail ("new row violates row-level
            // security policy") instead of updating nothing, which failed the live consumer's transaction and a
            // whole read-model rebuild. ON CONFLICT DO NOTHING and an UPDATE both skip the invisible row.
            if (jdbc.update(INSERT, args.toArray()) == 0 && jdbc.update(MERGE, args.toArray()) == 0) {
                log.warn("{} {} names a journey of another tenant; ignored", event.type(), event.id());
                return;
            }
            jdbc.update("INSERT INTO read.journey_step (journey_id, event_id, tenant_id, event_type, occurred_at)"
                            + " VALUES (?, ?::uuid, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                    journeyId.get(), event.id(), event.tenantId(), event.type(), event.time());
            log.info("{} projected", event.type());
        } finally {
            MDC.remove("journeyId");
        }
    }

    /** The cycle an event names in its data, if it names one. */
    static Integer cycleOf(EventData data) {
        return data instanceof CycleEvent named ? named.cycle() : null;
    }

    /** The journey an event belongs to: its {@code orderId}, else its subject, if that is a journey id. */
    static Optional<UUID> journeyIdOf(DomainEvent event) {
        String orderId = EventCatalog.find(event).orElse(null) instanceof OrderEvent order ? order.orderId() : null;
        String candidate = orderId != null ? orderId : event.subject();
        try {
            return Optional.of(UUID.fromString(candidate));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String buildInsert() {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (PartnerId partner : PARTNER_IDS) {
            columns.append(", ").append(partner.column());
            values.append(", ?");
        }
        // status_cycle: the cycle of the event that set the status (the status of a new row is its first event's).
        return "INSERT INTO read.journey (journey_id, tenant_id, status, status_rank, status_at, updated_at,"
                + " therapy, state_code, created_at, cycle" + columns + ", status_cycle) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?" + values + ", ?) ON CONFLICT (journey_id) DO NOTHING";
    }

    /** The same values as {@link #buildInsert()}'s, merged into the existing row of the same tenant. */
    private static String buildMerge() {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (PartnerId partner : PARTNER_IDS) {
            columns.append(", ").append(partner.column());
            values.append(", ?::text");
            // The latest event that names a partner id wins; events without it keep the known one.
            updates.append(", ").append(partner.column())
                    .append(" = coalesce(excluded.").append(partner.column()).append(", j.").append(partner.column())
                    .append(')');
        }
        String laterOrHigher = "(excluded.status_rank > j.status_rank"
                + " OR (excluded.status_rank = j.status_rank AND excluded.status_at > j.status_at))";
        // Whether the event's status replaces the row's. An end outranks everything, and nothing replaces it but a
        // later end. An event without a status never does. A later cycle's status replaces an earlier cycle's, which
        // never comes back. Within one cycle, the higher rank wins. An event that names no cycle (a partner's
        // visit.completed, rx.dispensed, shipment.*) is taken for the row's cycle only if it is later than the
        // status it would replace: a late one of an earlier cycle then changes nothing.
        String wins = "(CASE"
                + " WHEN excluded.status_rank >= " + JourneyStatus.TERMINAL + " THEN j.status_rank < "
                + JourneyStatus.TERMINAL + " OR " + laterOrHigher
                + " WHEN j.status_rank >= " + JourneyStatus.TERMINAL + " OR excluded.status_rank < 0 THEN false"
                + " WHEN excluded.status_cycle IS NOT NULL AND j.status_cycle IS NOT NULL"
                + " AND excluded.status_cycle <> j.status_cycle THEN excluded.status_cycle > j.status_cycle"
                + " WHEN excluded.status_cycle IS NULL AND excluded.status_at < j.status_at THEN false"
                + " ELSE " + laterOrHigher + " END)";
        return "UPDATE read.journey AS j SET"
                + " status = CASE WHEN " + wins + " THEN excluded.status ELSE j.status END,"
                + " status_at = CASE WHEN " + wins + " THEN excluded.status_at ELSE j.status_at END,"
                + " status_cycle = CASE WHEN " + wins + " THEN coalesce(excluded.status_cycle, j.status_cycle)"
                + " ELSE j.status_cycle END,"
                + " status_rank = CASE WHEN " + wins + " THEN excluded.status_rank ELSE j.status_rank END,"
                + " updated_at = greatest(j.updated_at, excluded.updated_at),"
                + " therapy = coalesce(excluded.therapy, j.therapy),"
                + " state_code = coalesce(excluded.state_code, j.state_code),"
                + " created_at = coalesce(excluded.created_at, j.created_at),"
                + " cycle = greatest(j.cycle, excluded.cycle)"
                + updates
                + " FROM (VALUES (?::uuid, ?::text, ?::text, ?::int, ?::timestamptz, ?::timestamptz, ?::text, ?::text,"
                + " ?::timestamptz, ?::int" + values + ", ?::int)) AS excluded (journey_id, tenant_id, status,"
                + " status_rank, status_at, updated_at, therapy, state_code, created_at, cycle" + columns
                + ", status_cycle)"
                + " WHERE j.journey_id = excluded.journey_id AND j.tenant_id = excluded.tenant_id";
    }
}
