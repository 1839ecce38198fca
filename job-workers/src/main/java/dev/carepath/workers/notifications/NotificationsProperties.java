package dev.carepath.workers.notifications;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.notifications.*}: what a tenant's messages say when its provisioning named nothing else, the
 * quiet hours of SMS and push, and the default wording of each notification.
 *
 * @param sender         the sender name when the tenant named none ({@code {{brand}}} is replaced by its brand)
 * @param supportContact how patients reach support when the tenant named nothing
 * @param quietHours     the window in which SMS and push wait, in the patient's state's time zone
 * @param fallbackZone   the time zone of a patient whose state is not known yet (no visit booked)
 * @param deferredPoll   how often the messages held back by quiet hours are looked for once due
 * @param templates      the default wording per notification (Mustache): subject (emails) and body
 */
@ConfigurationProperties("carepath.notifications")
public record NotificationsProperties(
        @DefaultValue("{{brand}}") String sender,
        @DefaultValue("support@carepath.dev") String supportContact,
        @DefaultValue QuietHours quietHours,
        @DefaultValue("America/New_York") ZoneId fallbackZone,
        @DefaultValue("5s") Duration deferredPoll,
        Map<String, Wording> templates) {

    /** The wording of a notification no template names. */
    static final Wording GENERIC = new Wording("{{brand}}: an update on your order",
            "{{brand}}: there is an update on your order {{orderId}}. Questions? {{supportContact}}");

    public NotificationsProperties {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    Wording wording(String templateId) {
        return templates.getOrDefault(templateId, GENERIC);
    }

    /**
     * A local-time window; {@code start} after {@code end} spans midnight (21:00 to 08:00), equal ones are no window.
     */
    public record QuietHours(@DefaultValue("21:00") LocalTime start, @DefaultValue("08:00") LocalTime end) {
    }

    /** A notification's wording: the subject of its email (SMS and push have none) and its body. */
    public record Wording(String subject, String body) {

        public Wording {
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException("a notification template needs a body");
            }
        }
    }
}
