package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.shipping.ShipmentStatus;
import dev.carepath.connectors.shipping.ShipmentTracking;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.ShipmentDelivered;
import dev.carepath.contracts.events.data.ShipmentException;
import dev.carepath.contracts.events.data.ShipmentShipped;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code pharmacy.tracked_parcel} table: the parcels followed at their carrier, and the {@code shipment.delivered}
 * or {@code shipment.exception} that ends each, written in one transaction with the parcel's end, so a parcel is
 * announced once whichever worker looks it up and however often.
 */
@Repository
class TrackedParcels {

    /** The cross-tenant purpose under which the parcels due for a look-up are found (ADR 0006). */
    static final String PURPOSE = "carrier-tracking";

    private static final Logger log = LoggerFactory.getLogger(TrackedParcels.class);

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    TrackedParcels(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    /** A parcel's key, and the tenant whose transaction it is looked up in. */
    record Key(String tenantId, String carrier, String trackingNumber) {
    }

    /**
     * A parcel being followed: what its end is announced with.
     *
     * @param cycle      the order cycle of its prescription, when this service submitted it (announced with an
     *                   exception; {@code shipment.delivered} has no cycle)
     * @param unanswered the look-ups in a row its carrier could not answer, before this one
     */
    record Parcel(Key key, String orderId, String rxId, String pharmacy, String pharmacyPrescriptionId,
                  Integer cycle, Instant shippedAt, int unanswered) {
    }

    /**
     * Starts following the parcel {@code shipped} names ({@code event}'s data), first look-up {@code firstLookAt};
     * once per parcel. Runs in the event's tenant transaction.
     *
     * @return whether the parcel was new
     */
    boolean follow(DomainEvent event, ShipmentShipped shipped, Instant firstLookAt) {
        return jdbc.update("INSERT INTO pharmacy.tracked_parcel (carrier, tracking_number, tenant_id, order_id, rx_id,"
                        + " pharmacy, pharmacy_prescription_id, shipped_event_id, next_look_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::uuid, ?) ON CONFLICT DO NOTHING",
                shipped.carrier(), shipped.trackingNumber(), event.tenantId(), shipped.orderId(), shipped.rxId(),
                shipped.pharmacy(), shipped.pharmacyPrescriptionId(), event.id(), Timestamp.from(firstLookAt)) == 1;
    }

    /** Up to {@code limit} parcels of every tenant due for a look-up by {@code now}, the earliest first. */
    List<Key> due(Instant now, int limit) {
        return tenants.acrossTenants(PURPOSE, () -> jdbc.query("SELECT tenant_id, carrier, tracking_number"
                        + " FROM pharmacy.tracked_parcel WHERE status = 'in_transit' AND next_look_at <= ?"
                        + " ORDER BY next_look_at LIMIT ?",
                (rs, i) -> new Key(rs.getString(1), rs.getString(2), rs.getString(3)), Timestamp.from(now), limit));
    }

    /**
     * Takes the parcel for one look-up: moves its next look-up {@code lease} ahead, so no other worker looks it up
     * meanwhile and, should this one die, another does after the lease. Empty when the parcel ended or another worker
     * took it first.
     */
    Optional<Parcel> claim(Key key, Duration lease) {
        return tenants.call(key.tenantId(), () -> jdbc.query("UPDATE pharmacy.tracked_parcel p SET next_look_at ="
                        + " now() + ? * interval '1 millisecond' WHERE carrier = ? AND tracking_number = ?"
                        + " AND status = 'in_transit' AND next_look_at <= now()"
                        + " RETURNING order_id, rx_id, pharmacy, pharmacy_prescription_id, shipped_at, unanswered,"
                        + " (SELECT s.cycle FROM pharmacy.erx_submission s WHERE s.rx_id::text = p.rx_id)",
                (rs, i) -> new Parcel(key, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(7), rs.getTimestamp(5).toInstant(), rs.getInt(6)),
                lease.toMillis(), key.carrier(), key.trackingNumber()).stream().findFirst());
    }

    /**
     * Records the carrier's answer: a delivered or excepted parcel ends and is announced; one still on its way is
     * looked up again at {@code nextLookAt}, or given up on once that is past {@code giveUpAt}.
     *
     * @return the parcel's status after the answer
     */
    String answered(Parcel parcel, ShipmentTracking tracking, Instant nextLookAt, Instant giveUpAt) {
        return tenants.call(parcel.key().tenantId(), () -> {
            if (tracking.status() == ShipmentStatus.DELIVERED) {
                return end(parcel, "delivered", null) ? announceDelivered(parcel) : "ended";
            }
            if (tracking.status() == ShipmentStatus.EXCEPTION) {
                String reason = tracking.exceptionReason().name().toLowerCase(Locale.ROOT);
                return end(parcel, "exception", reason) ? announceException(parcel, reason) : "ended";
            }
            return lookAgain(parcel, "looked_up = looked_up + 1, unanswered = 0", nextLookAt, giveUpAt);
        });
    }

    /** Records a look-up the carrier could not answer; the parcel is looked up again at {@code nextLookAt}. */
    String unanswered(Parcel parcel, Instant nextLookAt, Instant giveUpAt) {
        return tenants.call(parcel.key().tenantId(),
                () -> lookAgain(parcel, "unanswered = unanswered + 1", nextLookAt, giveUpAt));
    }

    private String lookAgain(Parcel parcel, String counted, Instant nextLookAt, Instant giveUpAt) {
        if (!nextLookAt.isBefore(giveUpAt)) {
            jdbc.update("UPDATE pharmacy.tracked_parcel SET " + counted + ", status = 'abandoned', ended_at = now()"
                    + " WHERE carrier = ? AND tracking_number = ? AND status = 'in_transit'",
                    parcel.key().carrier(), parcel.key().trackingNumber());
            log.warn("parcel {} {} of order {} no longer followed at the carrier: no delivery by {};"
                            + " the journey's delivery wait hands it to care ops", parcel.key().carrier(),
                    parcel.key().trackingNumber(), parcel.orderId(), giveUpAt);
            return "abandoned";
        }
        jdbc.update("UPDATE pharmacy.tracked_parcel SET " + counted + ", next_look_at = ? WHERE carrier = ?"
                        + " AND tracking_number = ? AND status = 'in_transit'",
                Timestamp.from(nextLookAt), parcel.key().carrier(), parcel.key().trackingNumber());
        return "in_transit";
    }

    private boolean end(Parcel parcel, String status, String reason) {
        return jdbc.update("UPDATE pharmacy.tracked_parcel SET status = ?, exception_reason = ?, ended_at = now(),"
                        + " looked_up = looked_up + 1, unanswered = 0"
                        + " WHERE carrier = ? AND tracking_number = ? AND status = 'in_transit'",
                status, reason, parcel.key().carrier(), parcel.key().trackingNumber()) == 1;
    }

    private String announceDelivered(Parcel parcel) {
        outbox.append(ErxSubmissions.SCHEMA, parcel.orderId(), parcel.key().tenantId(), new ShipmentDelivered(
                parcel.orderId(), parcel.rxId(), parcel.pharmacy(), parcel.pharmacyPrescriptionId(),
                parcel.key().carrier(), parcel.key().trackingNumber()));
        log.info("shipment.delivered from {} tracking {}", parcel.key().carrier(), parcel.key().trackingNumber());
        return "delivered";
    }

    private String announceException(Parcel parcel, String reason) {
        outbox.append(ErxSubmissions.SCHEMA, parcel.orderId(), parcel.key().tenantId(), new ShipmentException(
                parcel.orderId(), parcel.cycle(), parcel.key().trackingNumber(), parcel.key().carrier(), reason,
                parcel.rxId(), parcel.pharmacy(), parcel.pharmacyPrescriptionId()));
        log.info("shipment.exception ({}) from {} tracking {}", reason, parcel.key().carrier(),
                parcel.key().trackingNumber());
        return "exception";
    }
}
