package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessageReceipt;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.Outbox;
import dev.carepath.eventing.TenantTransactions;
import java.util.LinkedHashMap;
import java.util.Map;
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

    void record(String tenantId, String orderId, int cycle, String template, String key, MessageReceipt receipt) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO notifications.notification (idempotency_key, tenant_id, order_id,"
                            + " cycle, template_id, channel, provider, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING", key, tenantId, orderId, cycle, template,
                    receipt.channel().name().toLowerCase(java.util.Locale.ROOT), receipt.provider(), receipt.messageId());
            if (inserted == 1) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("orderId", orderId);
                data.put("cycle", cycle);
                data.put("templateId", template);
                data.put("channel", receipt.channel().name().toLowerCase(java.util.Locale.ROOT));
                data.put("messageId", receipt.messageId());
                outbox.append(SCHEMA, EventTypes.NOTIFICATION_SENT, orderId, tenantId, data);
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

    private void recordFailure(String tenantId, String orderId, String triggerType, String triggerEventId,
            String template, MessageChannel channel, String key, String reason) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO notifications.notification_failure (idempotency_key, tenant_id,"
                            + " order_id, trigger_type, trigger_event_id, template_id, channel, reason)"
                            + " VALUES (?, ?, ?, ?, ?::uuid, ?, ?, ?) ON CONFLICT DO NOTHING",
                    key, tenantId, orderId, triggerType, triggerEventId, template,
                    channel.name().toLowerCase(java.util.Locale.ROOT), reason);
            if (inserted == 1) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("orderId", orderId);
                data.put("notificationId", key);
                data.put("trigger", triggerType);
                data.put("channel", channel.name());
                data.put("template", template);
                data.put("reason", reason);
                outbox.append(SCHEMA, EventTypes.NOTIFICATION_FAILED, orderId, tenantId, data);
            }
        });
    }
}
