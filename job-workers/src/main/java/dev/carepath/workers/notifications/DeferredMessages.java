package dev.carepath.workers.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.tenancy.TenantTransactions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code notifications.deferred_message} table: SMS and push messages held by the patient's quiet hours, kept in
 * the database (not a sleeping thread), so a held message survives a restart and is sent by whichever worker finds
 * it due first ({@link DeferredMessageSender}). A row holds the notice's references, never an address.
 */
@Repository
class DeferredMessages {

    /** The cross-tenant purpose under which the due messages' ids are found (ADR 0006). */
    static final String PURPOSE = "deferred-notifications";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final ObjectMapper json;

    DeferredMessages(JdbcTemplate jdbc, TenantTransactions tenants, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.json = json;
    }

    /** A held message, once due. */
    record Held(PatientMessenger.Notice notice, MessageChannel channel, String key) {
    }

    /** Holds the notice's message on {@code channel} until {@code until}; once per key. */
    void hold(PatientMessenger.Notice notice, MessageChannel channel, String key, Instant until) {
        tenants.run(notice.tenantId(), () -> jdbc.update("INSERT INTO notifications.deferred_message (idempotency_key,"
                        + " tenant_id, order_id, cycle, template_id, channel, trigger_type, trigger_event_id,"
                        + " state_code, parameters, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::uuid, ?, ?::jsonb, ?)"
                        + " ON CONFLICT DO NOTHING",
                key, notice.tenantId(), notice.orderId(), notice.cycle(), notice.templateId(),
                channel.name().toLowerCase(Locale.ROOT), notice.trigger(), notice.triggerId(), notice.stateCode(),
                write(notice.references()), Timestamp.from(until)));
    }

    /** Whether a message is held (or was, and has been sent since) under this key. */
    boolean holds(String tenantId, String key) {
        return tenants.call(tenantId, () -> jdbc.queryForObject("SELECT count(*) FROM notifications.deferred_message"
                + " WHERE idempotency_key = ?", Long.class, key) > 0);
    }

    /** The tenants and keys of up to {@code limit} held messages due by {@code now}, every tenant's. */
    List<Map.Entry<String, String>> due(Instant now, int limit) {
        return tenants.acrossTenants(PURPOSE, () -> jdbc.query("SELECT tenant_id, idempotency_key FROM"
                        + " notifications.deferred_message WHERE sent_at IS NULL AND due_at <= ?"
                        + " ORDER BY due_at LIMIT ?",
                (rs, i) -> Map.entry(rs.getString(1), rs.getString(2)), Timestamp.from(now), limit));
    }

    /**
     * Locks the held message for sending, in the caller's tenant transaction: empty when it was sent meanwhile or
     * another worker is sending it right now.
     */
    Optional<Held> claim(String key) {
        return jdbc.query("SELECT tenant_id, order_id, cycle, template_id, channel, trigger_type,"
                        + " trigger_event_id::text, state_code, parameters::text FROM notifications.deferred_message"
                        + " WHERE idempotency_key = ? AND sent_at IS NULL FOR UPDATE SKIP LOCKED", (rs, i) -> {
                    // The key is the notice's key and the channel (PatientMessenger.keyFor): the notice's key back.
                    String keyBase = key.substring(0, key.lastIndexOf(':'));
                    return new Held(new PatientMessenger.Notice(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getString(4), keyBase, read(rs.getString(9)), rs.getString(8), rs.getString(6),
                            rs.getString(7)), MessageChannel.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), key);
                }, key).stream().findFirst();
    }

    /** Marks the held message done (sent, or recorded as not sendable), in the caller's tenant transaction. */
    void done(String key) {
        jdbc.update("UPDATE notifications.deferred_message SET sent_at = now() WHERE idempotency_key = ?", key);
    }

    /**
     * Counts a try the provider could not answer and moves the message {@code backoff} later, in a transaction of its
     * own; returns the tries so far.
     */
    int failedTry(String tenantId, String key, Duration backoff) {
        return tenants.call(tenantId, () -> jdbc.queryForObject("UPDATE notifications.deferred_message SET"
                + " attempts = attempts + 1, due_at = now() + ? * interval '1 millisecond' WHERE idempotency_key = ?"
                + " RETURNING attempts", Integer.class, backoff.toMillis(), key));
    }

    private String write(Map<String, String> references) {
        try {
            return json.writeValueAsString(references);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("references not serialisable");
        }
    }

    private Map<String, String> read(String stored) {
        try {
            return json.readValue(stored, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("held message unreadable");
        }
    }
}
