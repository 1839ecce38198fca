package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessageReceipt;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.NotificationFailed;
import dev.carepath.contracts.events.data.NotificationSent;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code notifications.notification} table and {@code notification.sent}, written together; and the
 * {@code notifications.notification_failure} table and {@code notification.failed}, likewise.
 */
@Repository
class Notifications {

    static final String SCHEMA = "notifications";

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    Notifications(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    boolean sent(String tenantId, String idempotencyKey) {
        return tenants.call(tenantId, () -> jdbc.queryForObject("SELECT count(*) FROM notifications.notification"
                + " WHERE idempotency_key = ?", Long.class, idempotencyKey) > 0);
    }

    /** Whether the message under this key was sent, recorded as not sent (or skipped), or is held by quiet hours. */
    boolean handled(String tenantId, String idempotencyKey) {
        return tenants.call(tenantId, () -> jdbc.queryForObject("SELECT (SELECT count(*)"
                + " FROM notifications.notification WHERE idempotency_key = ?) + (SELECT count(*) FROM notifications.notification_failure"
                + " WHERE idempotency_key = ?) + (SELECT count(*) FROM notifications.deferred_message"
                + " WHERE idempotency_key = ?)", Long.class, idempotencyKey, idempotencyKey, idempotencyKey) > 0);
    }

    void record(String tenantId, String orderId, int cycle, String template, String key, MessageReceipt receipt) {
        record(tenantId, orderId, cycle, template, key, receipt, false);
    }

    /**
     * Records the message sent, with {@code notification.sent} naming its channel; {@code deferred}: it was held by
     * the patient's quiet hours and went out when they ended.
     */
    void record(String tenantId, String orderId, int cycle, String template, String key, MessageReceipt receipt,
            boolean deferred) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO notifications.notification (idempotency_key, tenant_id, order_id,"
                            + " cycle, template_id, channel, provider, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING", key, tenantId, orderId, cycle, template,
                    receipt.channel().name().toLowerCase(java.util.Locale.ROOT), receipt.provider(), receipt.messageId());
            if (inserted == 1) {
                outbox.append(SCHEMA, orderId, tenantId, new NotificationSent(orderId, cycle, template,
                        receipt.channel().name().toLowerCase(java.util.Locale.ROOT), receipt.messageId(),
                        deferred ? Boolean.TRUE : null));
            }
        });
    }

    /**
     * Records once that the notification {@code key}, caused by {@code trigger}, could not be sent, and why
     * ({@code reason}: a code, never contact data), with {@code notification.failed} for staff to follow up.
     */
    void recordFailure(String tenantId, String orderId, DomainEvent trigger, String template, MessageChannel channel,
            String key, String reason) {
        recordFailure(tenantId, orderId, trigger.type(), trigger.id(), template, channel, key, reason);
    }

    /**
     * Records once that the journey's {@code notify-patient} task could not send {@code key} (no intake or no
     * address on file), with {@code notification.failed}: the task then completes instead of retrying into an
     * incident, since no retry can find an address that was never given.
     */
    void recordTaskFailure(String tenantId, String orderId, String topic, String template, MessageChannel channel,
            String key, String reason) {
        recordFailure(tenantId, orderId, topic, null, template, channel, key, reason);
    }

    /**
     * Records once that the message {@code key} on {@code channel} was not sent, and why; with reason
     * {@value PatientMessenger#OPTED_OUT} it was skipped on purpose (the event says {@code skipped}: nothing to follow
     * up).
     */
    void recordFailure(String tenantId, String orderId, String triggerType, String triggerEventId,
            String template, MessageChannel channel, String key, String reason) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO notifications.notification_failure (idempotency_key, tenant_id,"
                            + " order_id, trigger_type, trigger_event_id, template_id, channel, reason)"
                            + " VALUES (?, ?, ?, ?, ?::uuid, ?, ?, ?) ON CONFLICT DO NOTHING",
                    key, tenantId, orderId, triggerType, triggerEventId, template,
                    channel.name().toLowerCase(java.util.Locale.ROOT), reason);
            if (inserted == 1) {
                outbox.append(SCHEMA, orderId, tenantId, new NotificationFailed(orderId, key, triggerType,
                        channel.name(), template, reason,
                        PatientMessenger.OPTED_OUT.equals(reason) ? Boolean.TRUE : null));
            }
        });
    }
}
