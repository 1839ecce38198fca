package dev.carepath.contracts.events.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carepath.contracts.events.EventTypes;
import java.util.List;

/**
 * Platform staff provisioned a tenant (a client organization). The data of the CloudEvent; subject and tenantid
 * are the tenant id.
 */
@EventType(value = EventTypes.TENANT_PROVISIONED, version = 1)
public record TenantProvisioned(
        @Required String tenantId,
        @Required String name,
        String processor,
        @Required String merchantAccount,
        @Required String callbackUrl,
        String plan,
        @Required List<Entitlement> entitlements,
        Messaging messaging) implements EventData {

    /** Therapies the tenant may offer, in the listed states (USPS codes). */
    public record Entitlement(@Required String therapy, @Required List<String> states) {
    }

    /** What the tenant's patient notifications say about it; absent parts take the platform's defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Messaging(String sender, String supportContact, QuietHours quietHours, List<Template> templates) {
    }

    /** Local-time window (HH:mm) in the patient's state's time zone in which SMS and push wait. */
    public record QuietHours(@Required String start, @Required String end) {
    }

    /** The tenant's own wording (Mustache) of one notification. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Template(@Required String templateId, String subject, @Required String body) {
    }
}
