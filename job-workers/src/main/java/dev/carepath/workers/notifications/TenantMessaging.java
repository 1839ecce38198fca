package dev.carepath.workers.notifications;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.TenantProvisioned;
import dev.carepath.tenancy.TenantTransactions;
import java.sql.Time;
import java.time.LocalTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What each tenant's messages say about it, in the {@code notifications} schema: {@code tenant_messaging} (brand,
 * sender, support contact, quiet hours) and {@code tenant_template} (its own wording of a notification), both kept
 * from {@code tenant.provisioned}: the brand is the tenant's name, the rest comes from the event's optional
 * {@code messaging}. What a tenant did not name falls back to {@link NotificationsProperties}.
 */
@Repository
class TenantMessaging {

    private static final Logger log = LoggerFactory.getLogger(TenantMessaging.class);

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final NotificationsProperties defaults;

    TenantMessaging(JdbcTemplate jdbc, TenantTransactions tenants, NotificationsProperties defaults) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.defaults = defaults;
    }

    /** The tenant's brand, sender, support contact and quiet hours, its gaps filled from configuration. */
    record Branding(String brand, String sender, String supportContact, NotificationsProperties.QuietHours quietHours) {
    }

    /**
     * Keeps the tenant's messaging from {@code tenant.provisioned}, in the inbox's transaction of the event's tenant;
     * an event older than the one applied (a lower sequence) changes nothing. Its templates replace the tenant's.
     */
    void apply(DomainEvent event) {
        TenantProvisioned tenant = EventCatalog.read(event, TenantProvisioned.class);
        String brand = tenant.name();
        if (brand == null || brand.isBlank()) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " names no tenant name");
        }
        TenantProvisioned.Messaging messaging = tenant.messaging() == null
                ? new TenantProvisioned.Messaging(null, null, null, null) : tenant.messaging();
        TenantProvisioned.QuietHours quiet = messaging.quietHours() == null
                ? new TenantProvisioned.QuietHours(null, null) : messaging.quietHours();
        int applied = jdbc.update("INSERT INTO notifications.tenant_messaging AS t (tenant_id, brand_name, sender,"
                        + " support_contact, quiet_start, quiet_end, sequence) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET brand_name = excluded.brand_name,"
                        + " sender = excluded.sender, support_contact = excluded.support_contact, quiet_start = excluded.quiet_start,"
                        + " quiet_end = excluded.quiet_end, sequence = excluded.sequence, updated_at = now()"
                        + " WHERE t.sequence < excluded.sequence",
                event.tenantId(), brand, text(messaging.sender()), text(messaging.supportContact()),
                time(quiet.start()), time(quiet.end()), event.sequence());
        if (applied == 1) {
            jdbc.update("DELETE FROM notifications.tenant_template WHERE tenant_id = ?", event.tenantId());
            if (messaging.templates() != null) {
                for (TenantProvisioned.Template template : messaging.templates()) {
                    jdbc.update("INSERT INTO notifications.tenant_template (tenant_id, template_id, subject, body)"
                                    + " VALUES (?, ?, ?, ?)", event.tenantId(), text(template.templateId()),
                            text(template.subject()), text(template.body()));
                }
            }
        }
        log.info("{} {}: the tenant's messaging {}", event.type(), event.id(),
                applied == 1 ? "kept" : "older than the one kept: ignored");
    }

    /** The tenant's branding; a tenant the workers learned nothing of is branded with its id. */
    Branding of(String tenantId) {
        return tenants.call(tenantId, () -> jdbc.query("SELECT brand_name, sender, support_contact, quiet_start,"
                        + " quiet_end FROM notifications.tenant_messaging WHERE tenant_id = ?", (rs, i) -> {
                    String brand = rs.getString(1);
                    Time start = rs.getTime(4);
                    Time end = rs.getTime(5);
                    return new Branding(brand, rs.getString(2) == null ? defaultSender(brand) : rs.getString(2),
                            rs.getString(3) == null ? defaults.supportContact() : rs.getString(3),
                            start == null || end == null ? defaults.quietHours()
                                    : new NotificationsProperties.QuietHours(start.toLocalTime(), end.toLocalTime()));
                }, tenantId).stream().findFirst()
                .orElseGet(() -> new Branding(tenantId, defaultSender(tenantId), defaults.supportContact(),
                        defaults.quietHours())));
    }

    /** The tenant's own wording of the notification, else the default of configuration. */
    NotificationsProperties.Wording wording(String tenantId, String templateId) {
        Optional<NotificationsProperties.Wording> own = tenants.call(tenantId, () -> jdbc.query(
                "SELECT subject, body FROM notifications.tenant_template WHERE tenant_id = ? AND template_id = ?",
                (rs, i) -> new NotificationsProperties.Wording(rs.getString(1), rs.getString(2)), tenantId, templateId)
                .stream().findFirst());
        return own.orElseGet(() -> defaults.wording(templateId));
    }

    private String defaultSender(String brand) {
        return defaults.sender().replace("{{brand}}", brand);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Time time(String value) {
        String given = text(value);
        return given == null ? null : Time.valueOf(LocalTime.parse(given));
    }
}
