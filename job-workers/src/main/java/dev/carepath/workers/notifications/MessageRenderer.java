package dev.carepath.workers.notifications;

import com.samskivert.mustache.Mustache;
import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessageContent;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders a notification in the tenant's words (JMustache, logic-less: a tenant's template can only place the
 * values given here): {@code brand}, {@code sender}, {@code supportContact} and the notification's references
 * ({@code orderId}, {@code carrier}, {@code trackingNumber}). Never intake data, so the rendered text holds no PHI
 * and may be kept by the provider. A template naming a value not given renders it empty, rather than failing a
 * message over a tenant's typo. Text is not HTML-escaped: SMS and push are plain text, and so is the email body.
 */
@Component
class MessageRenderer {

    private final Mustache.Compiler mustache = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final TenantMessaging tenants;

    MessageRenderer(TenantMessaging tenants) {
        this.tenants = tenants;
    }

    MessageContent render(String tenantId, String templateId, MessageChannel channel, Map<String, String> references) {
        TenantMessaging.Branding branding = tenants.of(tenantId);
        NotificationsProperties.Wording wording = tenants.wording(tenantId, templateId);
        Map<String, Object> values = new HashMap<>(references);
        values.put("brand", branding.brand());
        values.put("sender", branding.sender());
        values.put("supportContact", branding.supportContact());
        String subject = channel == MessageChannel.EMAIL && wording.subject() != null
                ? mustache.compile(wording.subject()).execute(values) : null;
        return new MessageContent(branding.sender(), subject, mustache.compile(wording.body()).execute(values));
    }
}
